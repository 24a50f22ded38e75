# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestCreditNote(OmsInvoicingCommon):
    def _refunds(self, order):
        return self.env["account.move"].search(
            [("move_type", "=", "out_refund"), ("oms_order_id", "=", order.id)]
        )

    def test_credit_amount(self):
        order = self._invoiced_order()  # 10 x 120 = 1200 untaxed
        refund = order._oms_create_credit_note(self.reason_credit, amount=200)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.amount_untaxed, 200)
        self.assertEqual(refund.oms_order_id, order)
        self.assertEqual(refund.oms_credit_reason_id, self.reason_credit)
        self.assertEqual(refund.oms_credit_kind, "price_adjustment")
        self.assertEqual(refund.reversed_entry_id, order.invoice_ids)
        self.assertEqual(order._oms_get_credit_balance(), 1000)
        # Price adjustments do not make the order invoiceable again.
        self.assertEqual(order.invoice_status, "invoiced")

    def test_credit_above_invoiced_is_refused(self):
        order = self._invoiced_order()
        order._oms_create_credit_note(self.reason_credit, amount=1000, kind="deduction")
        with self.assertRaisesRegex(UserError, "above what order"):
            order._oms_create_credit_note(self.reason_credit, amount=200.01)
        self.assertEqual(len(self._refunds(order)), 1)
        not_invoiced = self._delivered_order()
        with self.assertRaisesRegex(UserError, "above what order"):
            not_invoiced._oms_create_credit_note(self.reason_credit, amount=1)
        self.assertFalse(self._refunds(not_invoiced))

    def test_credit_lines(self):
        order = self._invoiced_order(lines=[(self.product, 10), (self.product_b, 2)])
        line = order.order_line.filtered(lambda sl: sl.product_id == self.product)
        refund = order._oms_create_credit_note(
            self.reason_credit, line_qtys={line: 2}, kind="return", post=False
        )
        self.assertEqual(refund.state, "draft")
        self.assertEqual(refund.invoice_line_ids.product_id, self.product)
        self.assertEqual(refund.amount_untaxed, 240)
        # The draft credit note is linked to the order line: its units count.
        self.assertEqual(refund.invoice_line_ids.sale_line_ids, line)
        self.assertEqual(line.qty_invoiced, 8)
        with self.assertRaisesRegex(UserError, "only 8.0 invoiced"):
            order._oms_create_credit_note(self.reason_credit, line_qtys={line: 9})

    def test_credit_bad_input(self):
        order = self._invoiced_order()
        with self.assertRaisesRegex(UserError, "reason"):
            order._oms_create_credit_note(self.reason_return, amount=10)
        with self.assertRaises(UserError):
            order._oms_create_credit_note(self.reason_credit, amount=-10)
        with self.assertRaises(UserError):
            order._oms_create_credit_note(self.reason_credit)
        self.assertFalse(self._refunds(order))

    def test_credit_wizard(self):
        order = self._invoiced_order()
        action = order.action_oms_credit_note()
        wizard = (
            self.env["oms.credit.note.wizard"]
            .with_context(**action["context"])
            .create({"reason_id": self.reason_credit.id, "amount": 50})
        )
        self.assertEqual(wizard.balance, 1200)
        result = wizard.action_create()
        refund = self.env["account.move"].browse(result["res_id"])
        self.assertEqual(refund.amount_untaxed, 50)
        self.assertIn(refund, order.oms_credit_note_ids)


@tagged("post_install", "-at_install")
class TestCreditNoteLinks(OmsInvoicingCommon):
    """Credit notes are linked to the invoice and order lines they correct
    and are all counted in the creditable balance (issue 17, findings 3-5)."""

    def _two_invoices(self):
        """Order of 10 x 120: a first invoice of 8 units, a second of 2."""
        order = self._delivered_order(qty=8)
        first = order._create_invoices()
        first.action_post()
        self._deliver(order)
        second = order._create_invoices()
        second.action_post()
        return order, first, second

    def test_same_units_never_credited_twice(self):
        order = self._invoiced_order()
        line = order.order_line
        refund = order._oms_create_credit_note(
            self.reason_credit, line_qtys={line: 6}, kind="return"
        )
        self.assertEqual(refund.invoice_line_ids.sale_line_ids, line)
        self.assertEqual(line.qty_invoiced, 4)
        # The customer keeps the goods: not to invoice again.
        self.assertEqual(line.qty_to_invoice, 0)
        self.assertEqual(order.invoice_status, "invoiced")
        self.assertFalse(order._get_invoiceable_lines())
        with self.assertRaisesRegex(UserError, "only 4.0 invoiced"):
            order._oms_create_credit_note(self.reason_credit, line_qtys={line: 6})
        order._oms_create_credit_note(self.reason_credit, line_qtys={line: 4})
        with self.assertRaisesRegex(UserError, "only 0.0 invoiced"):
            order._oms_create_credit_note(self.reason_credit, line_qtys={line: 1})
        refunds = self.env["account.move"].search(
            [("move_type", "=", "out_refund"), ("oms_order_id", "=", order.id)]
        )
        self.assertEqual(sum(refunds.invoice_line_ids.mapped("quantity")), 10)

    def test_deduction_credit_note_lowers_the_balance(self):
        order = self._invoiced_order()
        invoice = order.invoice_ids
        self.company.oms_deduction_account_id = self.env["account.account"].create(
            {"name": "Deductions", "code": "OT4991", "account_type": "income"}
        )
        deduction = self.env["oms.payment.deduction"].create(
            {"invoice_id": invoice.id, "amount": 300.0}
        )
        deduction.action_accept()
        credit_note = deduction.credit_note_id
        self.assertEqual(credit_note.oms_order_id, order)
        self.assertEqual(credit_note.oms_credit_kind, "deduction")
        self.assertIn(credit_note, order.oms_credit_note_ids)
        self.assertAlmostEqual(order._oms_get_credit_balance(), 900.0)
        with self.assertRaisesRegex(UserError, "above what order"):
            order._oms_create_credit_note(self.reason_credit, amount=901.0)
        order._oms_create_credit_note(self.reason_credit, amount=900.0)
        self.assertAlmostEqual(order._oms_get_credit_balance(), 0.0)

    def test_odoo_reversal_counts_in_the_balance(self):
        order = self._invoiced_order()
        invoice = order.invoice_ids
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Odoo reversal"})
        )
        wizard.refund_moves()
        self.assertAlmostEqual(order._oms_get_credit_balance(), 0.0)

    def test_credit_note_linked_to_the_invoice_holding_it(self):
        order, first, second = self._two_invoices()
        self.assertAlmostEqual(first.amount_untaxed, 960.0)
        self.assertAlmostEqual(second.amount_untaxed, 240.0)
        # More than the last invoice holds: it corrects the first one.
        by_amount = order._oms_create_credit_note(self.reason_credit, amount=500.0)
        self.assertEqual(by_amount.reversed_entry_id, first)
        small = order._oms_create_credit_note(self.reason_credit, amount=100.0)
        self.assertEqual(small.reversed_entry_id, second)
        line = order.order_line
        by_qty = order._oms_create_credit_note(
            self.reason_credit, line_qtys={line: 5}, post=False
        )
        self.assertEqual(by_qty.reversed_entry_id, first)
        # Settled with the invoice it corrects while that one is open.
        self.assertIn(by_amount.payment_state, ("paid", "in_payment", "reversed"))
        self.assertAlmostEqual(
            first.amount_residual, first.amount_total - by_amount.amount_total
        )
