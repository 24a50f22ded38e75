# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_cash import OmsCashCommon


@tagged("post_install", "-at_install")
class TestDeductions(OmsCashCommon):
    def _short_pay(self, amount_due, amount_paid, partner=None):
        invoice = self._create_invoice(partner or self.customer_de, amount_due)
        line = self._create_statement_line(amount_paid, f"REF {invoice.name}")
        application = self._run(lines=line)
        return invoice, application

    def test_short_payment_raises_deduction(self):
        invoice, application = self._short_pay(1000.0, 900.0)
        self.assertEqual(application.state, "short")
        deduction = application.deduction_id
        self.assertEqual(deduction.invoice_id, invoice)
        self.assertEqual(deduction.partner_id, self.customer_de)
        self.assertEqual(deduction.amount, 100.0)
        self.assertEqual(deduction.reason_id, self.reason_short)
        self.assertEqual(deduction.reason_id.reason_type, "deduction")
        self.assertEqual(deduction.state, "open")
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(invoice.amount_residual, 100.0)

    def test_accept_writes_off_with_credit_note(self):
        invoice, application = self._short_pay(1000.0, 940.0)
        deduction = application.deduction_id
        deduction.reason_id = self.reason_damage
        deduction.action_accept()
        self.assertEqual(deduction.state, "accepted")
        credit_note = deduction.credit_note_id
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.amount_total, 60.0)
        self.assertEqual(
            credit_note.invoice_line_ids.account_id, self.deduction_account
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertFalse(invoice.amount_residual)

    def test_dispute_then_write_off(self):
        invoice, application = self._short_pay(500.0, 450.0)
        deduction = application.deduction_id
        deduction.action_dispute()
        self.assertEqual(deduction.state, "disputed")
        with self.assertRaises(UserError):
            deduction.action_dispute()
        deduction.action_write_off()
        self.assertEqual(deduction.state, "written_off")
        self.assertFalse(invoice.amount_residual)

    def test_recovered_once_paid(self):
        invoice, application = self._short_pay(700.0, 650.0)
        deduction = application.deduction_id
        deduction.action_dispute()
        with self.assertRaisesRegex(UserError, "still open"):
            deduction.action_recover()
        self.assertEqual(deduction.state, "disputed")
        wizard = Form(
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            )
        ).save()
        wizard.action_create_payments()
        deduction.action_recover()
        self.assertEqual(deduction.state, "recovered")
        self.assertFalse(deduction.credit_note_id)

    def test_small_difference_within_tolerance_accepted(self):
        self.company.oms_cash_tolerance = 5.0
        invoice, application = self._short_pay(300.0, 297.0)
        self.assertEqual(application.deduction_id.state, "accepted")
        self.assertFalse(invoice.amount_residual)

    def test_accept_without_account_changes_nothing(self):
        invoice, application = self._short_pay(200.0, 150.0)
        self.company.oms_deduction_account_id = False
        deduction = application.deduction_id
        with self.assertRaisesRegex(UserError, "deduction write-off account"):
            deduction.action_accept()
        self.assertEqual(deduction.state, "open")
        self.assertEqual(invoice.amount_residual, 50.0)
        self.assertFalse(deduction.credit_note_id)

    def test_deduction_reason_must_be_a_deduction(self):
        _invoice, application = self._short_pay(100.0, 90.0)
        field = application.deduction_id._fields["reason_id"]
        self.assertIn("'reason_type', '=', 'deduction'", field.domain)
