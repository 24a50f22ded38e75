# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import render_pdf_text

from .doc_common import OmsDocumentCommon

TO_ORDER = "To the order of Hanseatische Handelsbank AG"
CALLED_FOR = (
    "commercial_invoice",
    "packing_list",
    "bl_record",
    "insurance_certificate",
    "origin_certificate",
)


@tagged("post_install", "-at_install")
class TestLcExaminationDocuments(OmsDocumentCommon):
    """The demo-like CIF Hamburg shipment under a letter of credit examined
    from the facts its real documents state (``_get_document_facts``), not
    from facts fed to the examiner: a clean set complies, and one thing
    wrong in the data is reported once, on its document with its article."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credit.write(
            {
                "goods_description": cls.product.name,
                "goods_quantity": 10.0,
                "port_loading": "INNSA",
                "port_discharge": "DEHAM",
                "document_type_ids": [
                    Command.set([cls._doc_type(code).id for code in CALLED_FOR])
                ],
            }
        )
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            bank_id=cls.advising_bank.id,
            containers=["MSCU1234565"],
            bl_number="MSCUHH0042",
            bl_date=cls.today - timedelta(days=1),
            notify_party_id=cls.customer_de.id,
        )
        cls.shipment.action_generate_documents()
        cls.Examination = cls.env["oms.lc.examination"]
        cls.presented = cls.today + timedelta(days=1)

    def _found(self):
        return [
            (d["document"], d["kind"], d["article"])
            for d in self.Examination._examine_shipment(
                self.credit, self.shipment, self.presented
            )
        ]

    def test_clean_set_complies_and_is_submitted(self):
        self.assertTrue(set(CALLED_FOR) <= self._codes(self.shipment))
        self.assertEqual(self._found(), [])
        # The coordinator's way: documents ready, on board, then the
        # submission form examines the set and sends it without a comment.
        self._put_on_board(self.shipment)
        wizard = self.env["oms.lc.presentation.submit"].create(
            {
                "shipment_id": self.shipment.id,
                "courier_reference": "DHL 4410",
                "sent_date": self.today,
                "presentation_date": self.presented,
            }
        )
        self.assertFalse(wizard.has_discrepancies)
        wizard.action_submit()
        presentation = self.shipment.lc_presentation_ids
        self.assertEqual(presentation.examination_id.result, "compliant")
        self.assertFalse(presentation.with_discrepancies)
        self.assertEqual(
            presentation.examination_due_date,
            self.credit._add_banking_days(self.presented, 5),
        )

    def test_late_shipment(self):
        self.credit.latest_shipment_date = self.shipment.bl_date - timedelta(days=1)
        self.assertEqual(
            self._found(), [("bl_record", "late_shipment", "UCP 600 art. 20 a ii")]
        )

    def test_insurance_effective_after_shipment(self):
        self.shipment.insurance_date = self.shipment.bl_date + timedelta(days=1)
        self.assertEqual(
            self._found(),
            [("insurance_certificate", "insurance_late", "UCP 600 art. 28 e")],
        )

    def test_insurance_under_the_credit_cover(self):
        self.credit.insurance_percent = 120.0
        self.assertEqual(
            self._found(),
            [("insurance_certificate", "insurance_under", "UCP 600 art. 28 f ii")],
        )

    def test_transshipment_of_goods_not_in_containers(self):
        self.credit.transshipment = False
        self.shipment.port_transshipment = "Colombo"
        facts = self.env["oms.export.document.report"]._get_document_facts(
            self.shipment
        )
        self.assertEqual(facts["bl_record"]["containers"], 1)
        self.assertIsNone(facts["commercial_invoice"]["containers"])
        # Goods in containers may be transshipped all the same (art. 20 c ii).
        self.assertEqual(self._found(), [])
        # The same pallet shipped loose (break-bulk).
        self.shipment.container_ids.package_ids.write(
            {"oms_container_id": False, "oms_shipment_id": self.shipment.id}
        )
        self.shipment.container_ids.unlink()
        self.assertEqual(self.shipment.package_count, 1)
        self.assertEqual(
            self._found(), [("bl_record", "transshipment", "UCP 600 art. 20 c")]
        )

    def test_port_not_the_credit_one(self):
        """Every document examined names the port of discharge: each is
        reported (the cover letter too: drawn under every credit), the
        transport document under its own article."""
        self.credit.port_discharge = "DEBRV"
        found = self._found()
        self.assertIn(("bl_record", "port_discharge", "UCP 600 art. 20 a iii"), found)
        self.assertEqual(
            {kind for _doc, kind, _art in found} - {"port_discharge"},
            {"conflict_port_discharge"},
        )
        self.assertEqual(
            {doc for doc, _kind, _art in found}, {*CALLED_FOR, "bank_cover_letter"}
        )

    def test_transport_document_consigned_as_the_credit_requires(self):
        self.assertEqual(self.shipment.bl_consignee, TO_ORDER)
        required = "To the order of Konkan Export Bank, Fort Branch"
        self.credit.required_consignee = required
        self.assertEqual(self.shipment.bl_consignee, required)
        self.assertIn(
            required,
            render_pdf_text(
                self.env, self._doc_type("bl_record").report_id, self.shipment.ids
            ),
        )
        # The B/L follows the credit: still a complying presentation.
        self.assertEqual(self._found(), [])
        self.credit.required_consignee = False
        self.assertEqual(self.shipment.bl_consignee, TO_ORDER)
