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
        with self.assertRaisesRegex(UserError, "only 10.0 invoiced"):
            order._oms_create_credit_note(self.reason_credit, line_qtys={line: 11})

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
