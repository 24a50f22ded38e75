# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import render_pdf_text

from ..report.oms_export_document_requirements import FACT_KEYS, REQUIRED_DATA
from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentData(OmsDocumentCommon):
    """Each document prints the data ``REQUIRED_DATA`` asks of it, in the
    PDF users get; a document lacking data cannot be prepared and says
    what it lacks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credit.document_type_ids = [
            Command.set(
                [
                    cls._doc_type(code).id
                    for code in (
                        "commercial_invoice",
                        "packing_list",
                        "bl_record",
                        "insurance_certificate",
                        "origin_certificate",
                    )
                ]
            )
        ]
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            containers=["MSCU1234565"],
            bl_number="MSCUHH0042",
            bl_date=cls.today - timedelta(days=1),
        )
        cls.shipment.action_generate_documents()
        cls.invoice = cls.shipment._get_posted_invoices()
        cls.container = cls.shipment.container_ids
        cls.package = cls.shipment.package_ids
        cls.Report = cls.env["oms.export.document.report"]

    def _pdf_text(self, code):
        return render_pdf_text(
            self.env, self._doc_type(code).report_id, self.shipment.ids
        )

    def _expected(self):
        """Per document, the texts of its mandatory data."""
        shipment, company = self.shipment, self.company
        amount = f"{self.invoice.amount_total:,.2f}"
        words = self.currency.amount_to_text(self.invoice.amount_total)
        insured = f"{self.invoice.amount_total * 1.1:,.2f}"
        to_order = "To the order of Hanseatische Handelsbank AG"
        common = [shipment.name, company.name, "Hamburg Maschinenbau GmbH"]
        goods = ["Stainless Valve DN50", "84818000", "HMB / HAMBURG / 1-2"]
        weights = ["630.00", "600.00"]
        return {
            "commercial_invoice": common
            + goods
            + weights
            + [
                self.invoice.name,
                amount,
                words.split()[0],
                "0304012345",
                company.vat,
                "India",
                "FOB value",
                "Freight",
                "Insurance",
                "at sight",
                "HHB-LC-2026-0042",
                "Declaration",
                "R. Kulkarni",
                "Packages: 1",
            ],
            "packing_list": common
            + goods
            + weights
            + [
                self.package.name,
                "1200 × 800 × 1000",
                "0.960",
                "MSCU1234565",
                self.container.seal_number,
                "R. Kulkarni",
            ],
            "shipping_instructions": common
            + goods
            + [
                to_order,
                "Freight Prepaid",
                "Original B/Ls",
                self.container.container_type_id.display_name,
                "630.00",
                "0.960",
                "INNSA",
                "DEHAM",
            ],
            "bl_record": common
            + goods
            + [
                "MSCUHH0042",
                to_order,
                "Nordsee Express",
                "NE-614W",
                self.container.seal_number,
                "Issued in 3 originals",
                "630.00",
            ],
            "origin_certificate": common
            + goods
            + [
                "Origin criterion: WO",
                "India",
                self.invoice.name,
                "Declaration by the exporter",
                "R. Kulkarni",
            ],
            "vgm_declaration": [
                shipment.name,
                "MSCU1234565",
                self.container.seal_number,
                "Method 2",
                "R. Kulkarni",
                f"{self.container.vgm_weight:,.2f}",
                "60.00",
            ],
            "insurance_request": common + [insured, "Institute Cargo Clauses (A)"],
            "insurance_certificate": common
            + [insured, self.currency.name, "OMP-2026-118", "Institute Cargo"],
            "shipment_advice": common
            + ["MSCUHH0042", "Nordsee Express", self.invoice.name, amount],
            "bank_cover_letter": common
            + [
                "Konkan Export Bank",
                "Originals",
                "Commercial Invoice",
                "At sight",
                words.split()[0],
                "Hanseatische Handelsbank AG",
                "R. Kulkarni",
                amount,
            ],
        }

    def test_pdf_text_layer(self):
        # The PDF wkhtmltopdf renders has text: assertions read it.
        text = self._pdf_text("commercial_invoice")
        self.assertIn("Commercial Invoice", text)

    def test_every_document_prints_its_mandatory_data(self):
        missing = self.shipment.document_ids._get_missing_data()
        self.assertFalse(missing, "The fixture is complete.")
        for code, texts in self._expected().items():
            with self.subTest(code=code):
                # wkhtmltopdf may break a long reference after its hyphen.
                text = self._pdf_text(code).replace("- ", "-")
                for expected in texts:
                    self.assertIn(expected, text)

    def test_table_covers_every_document_type(self):
        codes = set(self.DocType.search([]).mapped("code"))
        self.assertLessEqual(codes - {"proforma_invoice"}, set(REQUIRED_DATA))

    def _bare_shipment(self, **vals):
        """A shipment of a new order: no invoice, marks, packages..."""
        order = self._create_order()
        order.action_confirm()
        return self._create_shipment(orders=order, complete_data=False, **vals)

    def test_incomplete_documents_say_what_they_lack(self):
        bare = self._bare_shipment(containers=["MSCU7777777"])
        for code in REQUIRED_DATA:
            with self.subTest(code=code):
                if code == "proforma_invoice":
                    continue
                self.assertTrue(self.Report._get_missing_data_for(code, bare))
                self.assertFalse(
                    self.Report._get_missing_data_for(code, self.shipment), code
                )
        bare.action_generate_documents()
        invoice_doc = bare.document_ids.filtered(
            lambda d: d.document_type_id.code == "commercial_invoice"
        )
        with self.assertRaises(UserError) as error:
            invoice_doc.action_prepare()
        message = str(error.exception)
        for label in ("posted customer invoice", "Marks And Numbers", "packages"):
            self.assertIn(label.lower(), message.lower())
        self.assertEqual(invoice_doc.state, "required", "Nothing written.")
        self.assertFalse(invoice_doc.attachment_id)
        self.assertIn("posted customer invoice", invoice_doc.missing_data)

    def test_prepare_all_skips_and_names_incomplete_documents(self):
        shipment = self._create_shipment(containers=["MSCU1111110"])
        shipment.bl_number = False
        shipment.action_generate_documents()
        action = shipment.action_prepare_documents()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Bill of Lading", action["params"]["message"])
        states = {d.document_type_id.code: d.state for d in shipment.document_ids}
        self.assertEqual(states["bl_record"], "required")
        self.assertEqual(states["shipment_advice"], "required")
        self.assertEqual(states["commercial_invoice"], "prepared")
        # Nothing complete: Prepare all refuses and names every document.
        bare = self._bare_shipment()
        with self.assertRaises(UserError) as error:
            bare.action_prepare_documents()
        self.assertIn("Commercial Invoice", str(error.exception))
        self.assertIn("Packing List", str(error.exception))
        self.assertEqual(set(bare.document_ids.mapped("state")), {"required"})

    def test_indian_exporter_needs_8_digit_itc_hs(self):
        self.product.hs_code = "848180"
        missing = self.Report._get_missing_data_for("commercial_invoice", self.shipment)
        self.assertIn("8-digit ITC-HS code of Stainless Valve DN50", missing)

    def test_vgm_adds_packing_and_tare(self):
        self.container.write(
            {"cargo_weight": 14200, "packaging_weight": 850, "tare_weight": 3900}
        )
        self.assertAlmostEqual(self.container.vgm_weight, 18950)
        text = self._pdf_text("vgm_declaration")
        for expected in ("14,200.00", "850.00", "3,900.00", "18,950.00"):
            self.assertIn(expected, text)
        self.container.vgm_signatory = False
        missing = self.Report._get_missing_data_for("vgm_declaration", self.shipment)
        self.assertEqual(missing, ["MSCU1234565: VGM Signatory"])

    def test_freight_terms_and_consignee_follow_incoterm_and_credit(self):
        self.assertEqual(self.shipment.freight_terms, "prepaid")
        self.assertEqual(
            self.shipment.bl_consignee, "To the order of Hanseatische Handelsbank AG"
        )
        fca = self._create_shipment(
            incoterm_id=self.env.ref("account.incoterm_FCA").id, mode="air"
        )
        self.assertEqual(fca.freight_terms, "collect")
        self.assertEqual(fca.bl_consignee, self.customer_de.name)
        self.assertEqual(fca.consignee_id, self.customer_de, "Defaults to buyer.")

    def test_cover_letter_encloses_the_credit_documents_only(self):
        cover = self.env["report.oms_export_logistics.report_bank_cover_letter"]
        enclosures = cover._get_enclosures(self.shipment)
        names = {name for name, _originals, _copies in enclosures}
        self.assertEqual(
            names,
            set(self.credit.document_type_ids.mapped("name")),
        )
        counts = {name: (o, c) for name, o, c in enclosures}
        self.assertEqual(counts["Bill of Lading or Air Waybill"][0], 3)

    def test_document_facts(self):
        facts = self.Report._get_document_facts(self.shipment)
        self.assertEqual(set(facts), set(REQUIRED_DATA))
        for code, document_facts in facts.items():
            self.assertEqual(set(document_facts), set(FACT_KEYS), code)
            self.assertEqual(document_facts["lc_number"], "HHB-LC-2026-0042")
            self.assertEqual(document_facts["port_loading"], "INNSA")
        invoice = facts["commercial_invoice"]
        self.assertEqual(invoice["consignee"], "Hamburg Maschinenbau GmbH")
        self.assertEqual(invoice["packages"], 1)
        self.assertAlmostEqual(invoice["gross_weight"], 630.0)
        self.assertAlmostEqual(invoice["amount"], self.invoice.amount_total)
        self.assertEqual(invoice["document_date"], self.invoice.invoice_date)
        self.assertIsNone(invoice["insured_amount"])
        bl = facts["bl_record"]
        self.assertEqual(bl["consignee"], "To the order of Hanseatische Handelsbank AG")
        self.assertEqual(bl["shipment_date"], self.shipment.bl_date)
        self.assertFalse(bl["transshipment"])
        self.assertIsNone(bl["amount"])
        insurance = facts["insurance_certificate"]
        self.assertAlmostEqual(
            insurance["insured_amount"], self.invoice.amount_total * 1.1
        )
        self.assertEqual(insurance["currency"], self.credit.currency_id.name)
        self.assertEqual(
            insurance["insurance_effective_date"], self.shipment.insurance_date
        )

    def test_user_cannot_write_prepared_past_the_data_check(self):
        bare = self._bare_shipment()
        bare.action_generate_documents()
        document = bare.document_ids.filtered(
            lambda d: d.document_type_id.code == "packing_list"
        )
        document_as_user = document.with_user(self.oms_user)
        with self.assertRaises(UserError):
            document_as_user.write({"state": "prepared"})
        with self.assertRaises(UserError):
            document_as_user.action_prepare()
        document.invalidate_recordset()
        self.assertEqual(document.state, "required")
        self.assertFalse(document.attachment_id)
