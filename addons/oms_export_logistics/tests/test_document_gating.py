# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import walk_shipment_to
from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentGating(OmsDocumentCommon):
    """Mandatory documents gate going on board and the bank submission."""

    def test_on_board_needs_verified_pre_shipment_documents(self):
        shipment = self._create_shipment(containers=["MSCU1234565"])
        shipment.action_generate_documents()
        walk_shipment_to(shipment, "customs_cleared")
        with self.assertRaises(UserError) as error:
            shipment._oms_set_state("on_board")
        message = str(error.exception)
        for name in ("Commercial Invoice", "Packing List", "VGM Declaration"):
            self.assertIn(name, message)
        # Post-shipment documents do not gate going on board.
        self.assertNotIn("Shipment Advice", message)
        self.assertEqual(shipment.state, "customs_cleared", "Nothing changed.")
        self.assertFalse(shipment.date_on_board)

        pre = shipment.document_ids.filtered(
            lambda d: d.document_type_id.gate == "on_board"
        )
        pre.action_prepare()
        pre[1:].action_verify()
        with self.assertRaises(UserError) as error:
            shipment._oms_set_state("on_board")
        self.assertIn(pre[0].name, str(error.exception))
        pre[0].action_verify()
        shipment._oms_set_state("on_board")
        self.assertEqual(shipment.state, "on_board")

    def test_optional_document_does_not_gate(self):
        self.env.ref(
            "oms_export_logistics.oms_rule_export_document_packing_list"
        ).document_mandatory = False
        shipment = self._create_shipment()
        self.assertFalse(
            shipment.document_ids.filtered(
                lambda d: d.document_type_id.code == "packing_list"
            ).mandatory
        )
        pre = shipment.document_ids.filtered(
            lambda d: d.document_type_id.gate == "on_board" and d.mandatory
        )
        pre.action_prepare()
        pre.action_verify()
        walk_shipment_to(shipment, "on_board")
        self.assertEqual(shipment.state, "on_board")

    def test_later_statuses_keep_the_gate(self):
        shipment = self._create_shipment()
        self._put_on_board(shipment)
        invoice = shipment.document_ids.filtered(
            lambda d: d.document_type_id.code == "commercial_invoice"
        )
        invoice.action_reset()
        with self.assertRaisesRegex(UserError, "Commercial Invoice"):
            shipment.action_in_transit()
        self.assertEqual(shipment.state, "on_board")
        self.assertFalse(shipment.date_in_transit)

    def test_other_transitions_are_not_gated(self):
        shipment = self._create_shipment()
        shipment.action_generate_documents()
        shipment._oms_set_state("booked")
        self.assertEqual(shipment.state, "booked")

    def test_bank_submission_needs_mandatory_documents(self):
        shipment = self._create_shipment(
            letter_credit_id=self.credit.id,
            bl_number="MSCUHH0001",
            bl_date=self.today - timedelta(days=2),
        )
        shipment.action_generate_documents()
        with self.assertRaises(UserError) as error:
            shipment._submit_to_bank("DHL 1")
        self.assertIn("Bank Cover Letter and Bill of Exchange", str(error.exception))
        self.assertFalse(shipment.lc_presentation_ids, "Nothing recorded.")
        self.assertFalse(
            shipment.document_ids.filtered(lambda d: d.state == "sent"),
            "Nothing sent.",
        )
