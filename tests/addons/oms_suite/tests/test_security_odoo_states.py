# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's own states change only through Odoo's own buttons. Odoo writes
them with a plain ``write`` once the transition method has checked the
change and done what goes with it; a JSON-RPC client writing them directly
skipped all of that: a salesperson confirmed an order past every OMS rule,
marked a delivery done that never left (and so invoiced it), "posted" a
draft invoice (a number, no checks, no stage "invoiced"); an accountant reset
a paid invoice to draft with its payment still reconciled. Each attack is
made as a non-admin user and leaves the records unchanged."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.oms_core.tests.common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestInvoiceStateAttacks(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="oms_test_inv_accountant",
            groups="account.group_account_invoice,sales_team.group_sale_salesman",
        )

    def _invoiced_order(self):
        order = self._create_order()
        order.action_confirm()
        self._deliver(order)
        return order, order._create_invoices()

    def _status(self, invoice):
        invoice.invalidate_recordset()
        return invoice.read(["state", "payment_state", "name", "posted_before"])[0]

    def test_salesperson_posts_by_write(self):
        order, invoice = self._invoiced_order()
        before = self._status(invoice)
        with self.assertRaisesRegex(UserError, "can be changed only with its buttons"):
            invoice.with_user(self.oms_user).write({"state": "posted"})
        self.assertEqual(self._status(invoice), before)
        self.assertEqual(invoice.state, "draft")
        self.assertFalse(invoice.posted_before)
        self.assertEqual(order.oms_stage, "shipped")

    def test_accountant_resets_paid_invoice_by_write(self):
        order, invoice = self._invoiced_order()
        invoice.with_user(self.accountant).action_post()
        self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        before = self._status(invoice)
        for state in ("draft", "cancel"):
            with self.assertRaises(UserError):
                invoice.with_user(self.accountant).write({"state": state})
            self.assertEqual(self._status(invoice), before)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertTrue(receivable.reconciled, "The payment stays reconciled")
        self.assertEqual(order.oms_stage, "paid")

    def test_payment_state_by_write(self):
        _order, invoice = self._invoiced_order()
        invoice.action_post()
        for user in (self.oms_user, self.accountant):
            with self.assertRaises(UserError):
                invoice.with_user(user).write({"payment_state": "paid"})
            self.assertEqual(invoice.payment_state, "not_paid")

    def test_buttons_still_change_the_status(self):
        order, invoice = self._invoiced_order()
        invoice = invoice.with_user(self.accountant)
        # A form save sends the status unchanged: not a change, not refused.
        invoice.write({"state": "draft", "ref": "PO-4711"})
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(order.oms_stage, "invoiced")
        invoice.action_toggle_block_payment()
        self.assertEqual(invoice.payment_state, "blocked")
        invoice.action_toggle_block_payment()
        self.assertEqual(invoice.payment_state, "not_paid")
        invoice.button_draft()
        self.assertEqual(invoice.state, "draft")
        invoice.button_cancel()
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(order.oms_stage, "shipped")
        invoice.button_draft()
        invoice.action_post()
        payment = self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # Cancelling the payment goes through its own move's transitions.
        payment.action_draft()
        payment.action_cancel()
        self.assertEqual(payment.state, "canceled")
        self.assertEqual(invoice.payment_state, "not_paid")

    def test_superuser_data_is_not_restricted(self):
        _order, invoice = self._invoiced_order()
        invoice.sudo().write({"state": "cancel"})
        self.assertEqual(invoice.state, "cancel")


@tagged("post_install", "-at_install")
class TestOrderStateAttacks(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Every order of the tests is held at confirmation.
        cls._create_rule(domain="[('amount_total', '>', 0)]")

    def test_salesperson_confirms_by_write(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "can be changed only with its buttons"):
            order.with_user(self.oms_user).write({"state": "sale"})
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.oms_hold_ids)
        self.assertFalse(order.picking_ids)
        # The button runs the gate: confirmed, held, nothing to the warehouse.
        order.with_user(self.oms_user).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.oms_on_hold)
        self.assertFalse(order.picking_ids)

    def test_salesperson_creates_confirmed_order(self):
        orders = self.env["sale.order"].with_user(self.oms_user)
        for state in ("sale", "cancel"):
            with self.assertRaises(UserError):
                orders.create({"partner_id": self.customer_de.id, "state": state})
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.customer_de.id)])
        )

    def test_salesperson_cancels_or_reopens_by_write(self):
        order = self._create_order()
        order.action_confirm()
        order.oms_hold_ids.action_release("checked")
        picking = order.picking_ids
        self.assertEqual(picking.state, "assigned")
        for state in ("cancel", "draft", "sent"):
            with self.assertRaises(UserError):
                order.with_user(self.oms_user).write({"state": state})
        self.assertEqual(order.state, "sale")
        self.assertEqual(picking.state, "assigned")

    def test_quotation_sent_and_back_by_write(self):
        order = self._create_order().with_user(self.oms_user)
        order.write({"state": "sent"})
        order.write({"state": "draft", "note": "Revised"})
        self.assertEqual(order.state, "draft")

    def test_invoicing_figures_by_write(self):
        order = self._create_order()
        order.action_confirm()
        order.oms_hold_ids.action_release("checked")
        line = order.order_line
        for vals in (
            {"qty_delivered": 10},
            {"qty_to_invoice": 10},
            {"qty_invoiced": 10},
            {"invoice_status": "to invoice"},
        ):
            with self.assertRaises(UserError):
                line.with_user(self.oms_user).write(vals)
        with self.assertRaises(UserError):
            order.with_user(self.oms_user).write({"invoice_status": "to invoice"})
        # The same through the order's lines, as the order form saves them.
        with self.assertRaises(UserError):
            order.with_user(self.oms_user).write(
                {"order_line": [Command.update(line.id, {"qty_delivered": 10})]}
            )
        self.assertRecordValues(
            line, [{"qty_delivered": 0, "qty_to_invoice": 0, "qty_invoiced": 0}]
        )
        self.assertEqual(order.invoice_status, "no")

    def test_new_goods_line_with_delivered_quantity(self):
        order = self._create_order()
        order.action_confirm()
        order.oms_hold_ids.action_release("checked")
        lines = self.env["sale.order.line"].with_user(self.oms_user)
        for vals in ({"qty_delivered": 5}, {"qty_invoiced": 5}, {"qty_to_invoice": 5}):
            with self.assertRaises(UserError), self.cr.savepoint():
                lines.create(
                    {"order_id": order.id, "product_id": self.product_b.id, **vals}
                )
        with self.assertRaises(UserError), self.cr.savepoint():
            order.with_user(self.oms_user).write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": self.product_b.id, "qty_delivered": 5}
                        )
                    ]
                }
            )
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.invoice_status, "no")

    def test_manual_delivered_quantity_still_typed(self):
        service = self._create_product(
            "Installation", 300.0, type="service", is_storable=False
        )
        order = self._create_order(lines=[(service, 2)])
        order.action_confirm()
        order.oms_hold_ids.action_release("checked")
        line = order.order_line
        self.assertEqual(line.qty_delivered_method, "manual")
        line.with_user(self.oms_user).write({"qty_delivered": 2})
        self.assertEqual(line.qty_to_invoice, 2)


@tagged("post_install", "-at_install")
class TestDeliveryStateAttacks(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.storekeeper = new_test_user(
            cls.env,
            login="oms_test_storekeeper",
            groups="stock.group_stock_user,sales_team.group_sale_salesman_all_leads",
        )

    def test_delivery_done_by_write(self):
        order = self._create_order()
        order.action_confirm()
        picking = order.picking_ids
        move = picking.move_ids
        for user in (self.oms_user, self.storekeeper):
            with self.assertRaises(UserError):
                move.with_user(user).write({"state": "done"})
            with self.assertRaises(UserError):
                picking.with_user(user).write({"state": "done"})
        self.assertEqual(move.state, "assigned")
        self.assertEqual(order.order_line.qty_delivered, 0)
        self.assertEqual(order.invoice_status, "no")
        # Validating still works for the storekeeper, and only then it bills.
        move.quantity = move.product_uom_qty
        picking.with_user(self.storekeeper).button_validate()
        self.assertEqual(move.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 10)
        with self.assertRaises(UserError):
            move.with_user(self.storekeeper).write({"state": "assigned"})

    def test_goods_the_order_did_not_list(self):
        """Odoo adds a line, with its delivered quantity, for goods the
        delivery carried beyond the order: inside the validation, allowed."""
        order = self._create_order()
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = 10
        extra = self.env["stock.move"].create(
            {
                "name": self.product_b.name,
                "product_id": self.product_b.id,
                "product_uom_qty": 2,
                "quantity": 2,
                "picking_id": picking.id,
                "location_id": picking.location_id.id,
                "location_dest_id": picking.location_dest_id.id,
            }
        )
        picking.move_ids.picked = True
        picking.with_user(self.storekeeper).button_validate()
        self.assertEqual(extra.state, "done")
        added = order.order_line.filtered(
            lambda line: line.product_id == self.product_b
        )
        self.assertEqual(added.qty_delivered, 2)

    def test_done_move_created(self):
        moves = self.env["stock.move"].with_user(self.storekeeper)
        with self.assertRaises(UserError):
            moves.create(
                {
                    "name": "Forged",
                    "product_id": self.product.id,
                    "product_uom_qty": 5,
                    "location_id": self.stock_location.id,
                    "location_dest_id": self.env.ref(
                        "stock.stock_location_customers"
                    ).id,
                    "state": "done",
                }
            )
        self.assertFalse(self.env["stock.move"].search([("name", "=", "Forged")]))
