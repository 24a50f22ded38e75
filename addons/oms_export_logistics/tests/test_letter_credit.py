# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

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

    def test_defaults_and_date_constraint(self):
        self.assertEqual(self.credit.presentation_days, 21)
        self.assertEqual(self.credit.beneficiary_id, self.company)
        self.assertEqual(self.credit._get_bank(), self.advising_bank)
        with self.assertRaises(ValidationError):
            self.credit.expiry_date = self.credit.latest_shipment_date - timedelta(1)

    def test_shipment_date(self):
        self.assertEqual(self.credit._check_shipment_date(self.shipment), [])
        self.shipment.bl_date = self.credit.latest_shipment_date + timedelta(days=1)
        messages = self.credit._check_shipment_date(self.shipment)
        self.assertEqual(len(messages), 1)
        self.assertIn("after the latest shipment date", messages[0])
        self.shipment.bl_date = False
        self.assertIn("no on-board", self.credit._check_shipment_date(self.shipment)[0])

    def test_amount_within_tolerance(self):
        amount = self.order.amount_total
        self.assertEqual(self.credit._check_amount(self.shipment), [])
        # 5 % tolerance: the order may be up to 5 % below the credit...
        self.credit.amount = amount / 1.05
        self.assertEqual(self.credit._check_amount(self.shipment), [])
        # ...but not more.
        self.credit.amount = amount / 1.06
        messages = self.credit._check_amount(self.shipment)
        self.assertEqual(len(messages), 1)
        self.assertIn("outside the credit amount", messages[0])
        self.credit.amount = amount * 1.2
        self.assertTrue(self.credit._check_amount(self.shipment))

    def test_presentation_deadline(self):
        today = self.today
        self.assertEqual(
            self.credit._check_presentation_deadline(self.shipment, today), []
        )
        deadline = self.shipment.bl_date + timedelta(days=21)
        self.assertEqual(
            self.credit._get_presentation_deadline(self.shipment.bl_date), deadline
        )
        late = self.credit._check_presentation_deadline(
            self.shipment, deadline + timedelta(days=1)
        )
        self.assertEqual(len(late), 1)
        self.assertIn("presentation deadline", late[0])
        # The deadline never runs past the expiry date.
        self.credit.expiry_date = self.shipment.bl_date + timedelta(days=25)
        self.credit.presentation_days = 30
        self.assertEqual(
            self.credit._get_presentation_deadline(self.shipment.bl_date),
            self.credit.expiry_date,
        )
        expired = self.credit._check_presentation_deadline(
            self.shipment, self.credit.expiry_date + timedelta(days=1)
        )
        self.assertEqual(len(expired), 2)
        self.assertIn("expired", expired[0])

    def test_documents(self):
        self.credit.document_type_ids = self._doc_type("origin_certificate")
        messages = self.credit._check_documents(self.shipment)
        self.assertEqual(len(messages), 1)
        self.assertIn("Commercial Invoice", messages[0])
        self.shipment.action_generate_documents()
        self._ready_all(self.shipment)
        self.assertEqual(self.credit._check_documents(self.shipment), [])
        self.shipment.document_ids.filtered(
            lambda d: d.document_type_id.code == "origin_certificate"
        ).action_reset()
        messages = self.credit._check_documents(self.shipment)
        self.assertIn("Certificate of Origin Application", messages[0])

    def test_partial_shipment(self):
        self.assertEqual(self.credit._check_partial_shipment(self.shipment), [])
        other_order = self._create_order()
        self.credit.sale_order_ids |= other_order
        messages = self.credit._check_partial_shipment(self.shipment)
        self.assertIn("Partial shipments are not allowed", messages[0])
        self.credit.partial_shipment = True
        self.assertEqual(self.credit._check_partial_shipment(self.shipment), [])

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
        self._put_on_board(self.shipment)
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
        self._ready_all(self.shipment)
        self.shipment.bl_date = self.credit.latest_shipment_date + timedelta(days=1)
        self.credit.amount = self.order.amount_total * 2
        with self.assertRaises(UserError) as error:
            self.shipment.action_submit_to_bank()
        message = str(error.exception)
        self.assertIn("after the latest shipment date", message)
        self.assertIn("outside the credit amount", message)
        with self.assertRaises(UserError):
            self.shipment._submit_to_bank("DHL 1")
        self.assertFalse(self.shipment.lc_presentation_ids)
        self.assertEqual(set(self.shipment.document_ids.mapped("state")), {"verified"})
