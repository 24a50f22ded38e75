# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestLetterCredit(OmsDocumentCommon):
    """Each discrepancy check, passing and failing, and the bank submission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            bl_number="MSCUHH0042",
            bl_date=cls.today - timedelta(days=2),
        )
        cls.shipment.action_generate_documents()

    @classmethod
    def _verify_all(cls, shipment):
        """Documents verified as such: their data and templates have their
        own tests."""
        shipment.document_ids._oms_transition_write({"state": "verified"})

    @classmethod
    def _force_on_board(cls, shipment):
        cls._verify_all(shipment)
        shipment._oms_transition_write(
            {"state": "on_board", "date_on_board": fields.Datetime.now()}
        )

    def test_defaults_and_date_constraint(self):
        self.assertEqual(self.credit.presentation_days, 21)
        self.assertEqual(self.credit.beneficiary_id, self.company)
        self.assertEqual(self.credit._get_bank(), self.advising_bank)
        with self.assertRaises(ValidationError):
            self.credit.expiry_date = self.credit.latest_shipment_date - timedelta(1)

    def _kinds(self, presentation_date=None):
        return [
            discrepancy["kind"]
            for discrepancy in self.env["oms.lc.examination"]._examine_shipment(
                self.credit, self.shipment, presentation_date
            )
        ]

    def test_shipment_date(self):
        self.assertEqual(self._kinds(), [])
        self.shipment.bl_date = self.credit.latest_shipment_date + timedelta(days=1)
        messages = self.credit._get_discrepancies(self.shipment, self.shipment.bl_date)
        self.assertEqual(len(messages), 1)
        self.assertIn("after the latest shipment date", messages[0])
        self.shipment.bl_date = False
        self.assertIn("no_shipment_date", self._kinds())

    def test_amount_within_tolerance(self):
        amount = self.order.amount_total
        self.assertEqual(self._kinds(), [])
        # 5 % tolerance: the invoice may be up to 5 % over the credit...
        self.credit.amount = amount / 1.05
        self.assertEqual(self._kinds(), [])
        # ...but not more (UCP 600 art. 18 b).
        self.credit.amount = amount / 1.06
        self.assertEqual(self._kinds(), ["amount_over_credit"])
        messages = self.credit._get_discrepancies(self.shipment)
        self.assertIn("outside the credit amount", messages[0])
        # Drawing less is a partial drawing, allowed unless prohibited.
        self.credit.amount = amount * 1.2
        self.assertEqual(self._kinds(), [])
        self.credit.partial_shipment = False
        self.assertEqual(self._kinds(), ["partial_shipment"])

    def test_presentation_deadline(self):
        self.assertEqual(self._kinds(self.today), [])
        bl_date = self.shipment.bl_date
        deadline = self.credit._get_next_banking_day(bl_date + timedelta(days=21))
        self.assertEqual(self.credit._get_presentation_deadline(bl_date), deadline)
        self.assertEqual(self.credit._get_next_banking_day(deadline), deadline)
        self.assertEqual(self._kinds(deadline), [])
        self.assertEqual(
            self._kinds(deadline + timedelta(days=1)), ["late_presentation"]
        )
        # The deadline never runs past the expiry date.
        self.credit.expiry_date = bl_date + timedelta(days=25)
        self.credit.presentation_days = 30
        expiry = self.credit._get_next_banking_day(self.credit.expiry_date)
        self.assertEqual(self.credit._get_presentation_deadline(bl_date), expiry)
        self.assertEqual(self._kinds(expiry + timedelta(days=1)), ["expired"])

    def test_documents(self):
        self.credit.document_type_ids = self._doc_type("origin_certificate")
        messages = self.credit._check_documents(self.shipment)
        self.assertEqual(len(messages), 1)
        self.assertIn("Commercial Invoice", messages[0])
        self.shipment.action_generate_documents()
        self._verify_all(self.shipment)
        self.assertEqual(self.credit._check_documents(self.shipment), [])
        self.shipment.document_ids.filtered(
            lambda d: d.document_type_id.code == "origin_certificate"
        ).action_reset()
        messages = self.credit._check_documents(self.shipment)
        self.assertIn("Certificate of Origin Application", messages[0])

    def test_partial_shipment(self):
        """Allowed unless the credit prohibits it (UCP 600 art. 31 a)."""
        self.assertTrue(self.env["oms.letter.credit"].new({}).partial_shipment)
        self.assertTrue(self.env["oms.letter.credit"].new({}).transshipment)
        other_order = self._create_order()
        self.credit.sale_order_ids |= other_order
        self.assertEqual(self._kinds(), [])
        self.credit.partial_shipment = False
        messages = self.credit._get_discrepancies(self.shipment)
        self.assertIn("Partial shipments are not allowed", messages[0])
        self.assertEqual(self._kinds(), ["partial_shipment"])

    def test_submit_to_bank(self):
        self._put_on_board(self.shipment)
        self.assertEqual(self.credit._get_discrepancies(self.shipment), [])
        action = self.shipment.action_submit_to_bank()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"courier_reference": "DHL 4711"})
        )
        wizard.action_submit()
        presentation = self.shipment.lc_presentation_ids
        self.assertEqual(len(presentation), 1)
        self.assertEqual(presentation.courier_reference, "DHL 4711")
        self.assertEqual(presentation.bank_id, self.advising_bank)
        self.assertEqual(presentation.state, "sent")
        self.assertAlmostEqual(presentation.amount, self.order.amount_total)
        self.assertEqual(set(self.shipment.document_ids.mapped("state")), {"sent"})
        self.assertEqual(self.shipment.document_ids.sent_partner_id, self.advising_bank)
        message = self.shipment.message_ids.filtered(
            lambda m: self.advising_bank in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(len(message.attachment_ids), len(self.shipment.document_ids))
        self.assertIn("HHB-LC-2026-0042", str(message.body))
        self.assertAlmostEqual(self.credit.amount_presented, presentation.amount)
        presentation.action_accept()
        presentation.action_paid()
        self.assertEqual(presentation.state, "paid")
        self.assertEqual(self.credit.state, "utilised")

    def test_refused_submission_can_be_presented_again(self):
        self._force_on_board(self.shipment)
        first = self.shipment._submit_to_bank("DHL 1")
        with self.assertRaisesRegex(UserError, "already presented"):
            self.shipment._submit_to_bank("DHL 2")
        first.action_refuse()
        self.assertEqual(first.state, "refused")
        self.assertEqual(self.credit.amount_presented, 0.0)
        second = self.shipment._submit_to_bank("DHL 3")
        self.assertEqual(second.state, "sent")
        self.assertEqual(self.shipment.lc_presentation_ids, first | second)
        with self.assertRaisesRegex(UserError, "cannot become"):
            first.action_accept()

    def test_open_and_close_only_from_their_states(self):
        with self.assertRaisesRegex(UserError, "cannot become"):
            self.credit.action_open()
        self.credit.action_close()
        self.assertEqual(self.credit.state, "closed")
        with self.assertRaisesRegex(UserError, "cannot become"):
            self.credit.action_close()

    def test_expiry_emptied_is_a_validation_error(self):
        with self.assertRaisesRegex(ValidationError, "expiry date"):
            self.credit.expiry_date = False
        with self.assertRaisesRegex(ValidationError, "expiry date"):
            self.credit.latest_shipment_date = False

    def test_submit_with_discrepancies_changes_nothing(self):
        self._force_on_board(self.shipment)
        self.credit.latest_shipment_date = self.shipment.bl_date - timedelta(days=1)
        self.credit.amount = self.order.amount_total * 2
        self.credit.partial_shipment = False
        sent = self.today
        # The button opens the submission, which lists the discrepancies...
        action = self.shipment.action_submit_to_bank()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"courier_reference": "DHL 1", "sent_date": sent})
        )
        self.assertTrue(wizard.has_discrepancies)
        self.assertIn("after the latest shipment date", wizard.discrepancies)
        self.assertIn("art. 31 a", wizard.discrepancies)
        # ...and refuses to send them without a comment.
        with self.assertRaises(UserError) as error:
            wizard.action_submit()
        message = str(error.exception)
        self.assertIn("after the latest shipment date", message)
        self.assertIn("Partial shipments are not allowed", message)
        with self.assertRaises(UserError):
            self.shipment._submit_to_bank("DHL 1", sent_date=sent)
        self.assertFalse(self.shipment.lc_presentation_ids)
        self.assertFalse(
            self.env["oms.lc.examination"].search(
                [("shipment_id", "=", self.shipment.id)]
            )
        )
        self.assertEqual(set(self.shipment.document_ids.mapped("state")), {"verified"})
