# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestReturns(OmsInvoicingCommon):
    def test_return_refund(self):
        order = self._invoiced_order()
        line = order.order_line
        request = order._oms_create_return_request({line: 3}, self.reason_return)
        self.assertEqual(request.state, "confirmed")
        self.assertEqual(request.resolution, "refund")
        picking = request.return_picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.move_ids.product_uom_qty, 3)
        self.assertTrue(picking.move_ids.to_refund)
        self._receive(picking)
        self.assertEqual(request.state, "done")
        self.assertEqual(line.qty_delivered, 7)
        refund = request.refund_move_ids
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.oms_order_id, order)
        self.assertEqual(refund.invoice_line_ids.quantity, 3)
        self.assertEqual(line.qty_invoiced, 7)
        self.assertNotEqual(order.invoice_status, "to invoice")
        self.assertEqual(order.oms_return_count, 1)

    def test_return_refund_linked_and_never_over_credited(self):
        """The refund corrects the invoice holding the returned units and is
        settled with it; what a price adjustment already credited is not paid
        back again (issue 17, findings 4 and 5)."""
        order = self._invoiced_order()  # 10 x 120 = 1200 untaxed
        invoice = order.invoice_ids
        order._oms_create_credit_note(self.reason_credit, amount=1000.0)
        request = order._oms_create_return_request(
            {order.order_line: 10}, self.reason_return
        )
        self._receive(request.return_picking_ids)
        refund = request.refund_move_ids
        self.assertEqual(refund.reversed_entry_id, invoice)
        self.assertEqual(refund.invoice_line_ids.sale_line_ids, order.order_line)
        self.assertEqual(sum(refund.invoice_line_ids.mapped("quantity")), 11)
        # 1200 of returned units less the 1000 credited before.
        self.assertAlmostEqual(refund.amount_untaxed, 200.0)
        self.assertAlmostEqual(order._oms_get_credit_balance(), 0.0)
        self.assertEqual(order.order_line.qty_invoiced, 0)
        self.assertFalse(invoice.amount_residual)

    def test_return_replacement(self):
        order = self._invoiced_order()
        line = order.order_line
        request = order._oms_create_return_request(
            {line.id: 2}, self.reason_return, resolution="replacement"
        )
        self.assertFalse(request.return_picking_ids.move_ids.to_refund)
        self._receive(request.return_picking_ids)
        self.assertEqual(request.state, "done")
        self.assertFalse(request.refund_move_ids)
        replacement = request.replacement_order_id
        self.assertEqual(replacement.state, "draft")
        self.assertEqual(replacement.oms_origin_order_id, order)
        self.assertEqual(replacement.order_line.product_uom_qty, 2)
        self.assertEqual(replacement.amount_untaxed, 0)
        # Replaced goods stay delivered (and invoiced) on the original order.
        self.assertEqual(line.qty_delivered, 10)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_return_too_much_is_refused(self):
        order = self._delivered_order(qty=6)
        line = order.order_line
        with self.assertRaisesRegex(UserError, "only 6"):
            order._oms_create_return_request({line: 7}, self.reason_return)
        self.assertFalse(
            self.env["oms.return.request"].search_count([("order_id", "=", order.id)])
        )
        order._oms_create_return_request({line: 4}, self.reason_return)
        # The open return already takes 4 of the 6 delivered.
        with self.assertRaisesRegex(UserError, "only 2"):
            order._oms_create_return_request({line: 3}, self.reason_return)
        self.assertEqual(len(order.oms_return_request_ids), 1)

    def test_return_bad_input(self):
        order = self._delivered_order()
        line = order.order_line
        with self.assertRaises(UserError):
            order._oms_create_return_request({line: 0}, self.reason_return)
        with self.assertRaisesRegex(UserError, "reason"):
            order._oms_create_return_request({line: 1}, self.reason_credit)
        other = self._delivered_order()
        with self.assertRaisesRegex(UserError, "not a product line"):
            order._oms_create_return_request({other.order_line: 1}, self.reason_return)
        cancelled = self._create_order()
        cancelled.action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled"):
            cancelled._oms_create_return_request(
                {cancelled.order_line: 1}, self.reason_return
            )
        self.assertFalse(
            order.oms_return_request_ids | cancelled.oms_return_request_ids
        )

    def test_return_from_picking_and_cancel(self):
        order = self._delivered_order(qty=4)
        first = order.picking_ids.filtered(lambda p: p.state == "done")
        request = order._oms_create_return_request(
            {order.order_line: 2}, self.reason_return, picking=first
        )
        self.assertEqual(request.return_picking_ids.return_id, first)
        action = first.action_oms_create_return_request()
        self.assertEqual(action["context"]["default_picking_id"], first.id)
        self.assertEqual(action["context"]["default_order_id"], order.id)
        request.action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.return_picking_ids.state, "cancel")
        # Cancelled returns free the quantity again.
        order._oms_create_return_request({order.order_line: 4}, self.reason_return)

    def test_replacement_order_api(self):
        order = self._delivered_order(lines=[(self.product, 5), (self.product_b, 2)])
        line_b = order.order_line.filtered(lambda sl: sl.product_id == self.product_b)
        replacement = order._oms_create_replacement_order(
            {line_b: 1}, self.reason_return
        )
        self.assertEqual(replacement.oms_origin_order_id, order)
        self.assertEqual(replacement.order_line.product_id, self.product_b)
        self.assertEqual(replacement.order_line.price_unit, 0)
        self.assertEqual(replacement.incoterm, order.incoterm)
        with self.assertRaises(UserError):
            order._oms_create_replacement_order({line_b: -1}, self.reason_return)

    def test_warehouse_user_receives_return(self):
        """A warehouse user without billing or OMS rights validates the
        return receipt: the refund is still created."""
        stock_user = new_test_user(
            self.env, login="oms_test_stock", groups="stock.group_stock_user"
        )
        order = self._invoiced_order()
        request = order._oms_create_return_request(
            {order.order_line: 1}, self.reason_return
        )
        receipt = request.return_picking_ids.with_user(stock_user)
        receipt.move_ids.quantity = 1
        receipt.button_validate()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.refund_move_ids.state, "posted")
