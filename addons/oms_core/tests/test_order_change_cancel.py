# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestOrderCancel(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_cancel = cls.env.ref("oms_core.oms_reason_cancel_customer")
        cls.reason_change = cls.env.ref("oms_core.oms_reason_change_customer")

    def _cancel(self, orders, reason=None, note=False, user=None):
        wizard = (
            self.env["oms.order.cancel"]
            .with_user(user or self.oms_user)
            .create(
                {
                    "order_ids": [Command.set(orders.ids)],
                    "reason_id": (reason or self.reason_cancel).id,
                    "note": note,
                }
            )
        )
        return wizard.action_cancel_orders()

    def test_cancel_confirmed_order_records_reason(self):
        order = self._create_order()
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(picking.state, "assigned")
        action = order.with_user(self.oms_user).action_oms_cancel_with_reason()
        wizard_form = Form(
            self.env["oms.order.cancel"]
            .with_user(self.oms_user)
            .with_context(**action["context"])
        )
        wizard_form.reason_id = self.reason_cancel
        wizard_form.note = "Customer found a cheaper supplier"
        wizard_form.save().action_cancel_orders()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.oms_stage, "cancelled")
        self.assertEqual(order.oms_cancel_reason_id, self.reason_cancel)
        # Odoo's own cancellation ran: the delivery is cancelled too.
        self.assertEqual(picking.state, "cancel")
        body = order.message_ids[0].body
        self.assertIn(self.reason_cancel.name, body)
        self.assertIn("Customer found a cheaper supplier", body)

    def test_cancel_goes_through_odoo_action_cancel(self):
        """Draft invoices are cancelled, as sale's _action_cancel does."""
        service = self.env["product.product"].create(
            {"name": "Commissioning", "type": "service", "invoice_policy": "order"}
        )
        order = self._create_order(lines=[(service, 1)])
        order.action_confirm()
        invoice = order._create_invoices()
        self.assertEqual(invoice.state, "draft")
        self._cancel(order)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(invoice.state, "cancel")

    def test_cancel_draft_order(self):
        order = self._create_order()
        self._cancel(order, reason=self.env.ref("oms_core.oms_reason_cancel_duplicate"))
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.oms_cancel_reason_id.code, "DUPLICATE")

    def test_cancel_releases_active_holds_without_procurement(self):
        self._create_rule(domain="[('amount_total', '>', 0)]")
        order = self._create_order()
        order.action_confirm()
        self.assertTrue(order.oms_on_hold)
        self._cancel(order)
        self.assertEqual(order.state, "cancel")
        self.assertFalse(order.oms_on_hold)
        self.assertEqual(order.oms_hold_ids.state, "cancelled")
        self.assertFalse(order.picking_ids)

    def test_cancel_refuses_already_cancelled_order(self):
        order = self._create_order()
        order._action_cancel()
        with self.assertRaisesRegex(UserError, "already cancelled"):
            self._cancel(order)
        self.assertFalse(order.oms_cancel_reason_id)

    def test_cancel_refuses_locked_order(self):
        order = self._create_order()
        order.action_confirm()
        order.action_lock()
        with self.assertRaisesRegex(UserError, "locked"):
            self._cancel(order)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oms_cancel_reason_id)

    def test_cancel_refuses_delivered_order_and_changes_nothing(self):
        delivered = self._create_order()
        other = self._create_order(lines=[(self.product_b, 2)])
        (delivered | other).action_confirm()
        self._deliver(delivered, qty=4)
        messages = len(other.message_ids)
        with self.assertRaisesRegex(UserError, "already delivered"):
            self._cancel(other | delivered)
        for order in delivered | other:
            self.assertEqual(order.state, "sale")
            self.assertFalse(order.oms_cancel_reason_id)
        self.assertNotIn("cancel", other.picking_ids.mapped("state"))
        self.assertEqual(len(other.message_ids), messages)

    def test_cancel_needs_a_cancellation_reason(self):
        order = self._create_order()
        with self.assertRaises(ValidationError):
            self._cancel(order, reason=self.reason_change)
        with self.assertRaises(UserError):
            order._oms_cancel_with_reason(self.env["oms.reason"])
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestOrderChange(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_change = cls.env.ref("oms_core.oms_reason_change_customer")
        cls.reason_cancel = cls.env.ref("oms_core.oms_reason_cancel_customer")

    def _change(self, order, quantities=None, reason=None, note=False, **vals):
        """Open the wizard as an OMS user; ``quantities`` maps product to new qty."""
        action = order.with_user(self.oms_user).action_oms_change_order()
        wizard = (
            self.env["oms.order.change"]
            .with_user(self.oms_user)
            .with_context(**action["context"])
            .create(
                {"reason_id": (reason or self.reason_change).id, "note": note, **vals}
            )
        )
        for line in wizard.line_ids:
            if line.product_id in (quantities or {}):
                line.new_qty = quantities[line.product_id]
        return wizard.action_apply()

    def _move_qty(self, order, product):
        moves = order.picking_ids.move_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel"
        )
        return sum(moves.mapped("product_uom_qty"))

    def test_wizard_lists_the_order_lines(self):
        order = self._create_order(lines=[(self.product, 10), (self.product_b, 5)])
        order.action_confirm()
        action = order.with_user(self.oms_user).action_oms_change_order()
        wizard_form = Form(
            self.env["oms.order.change"]
            .with_user(self.oms_user)
            .with_context(**action["context"])
        )
        self.assertEqual(len(wizard_form.line_ids), 2)
        wizard_form.reason_id = self.reason_change
        with wizard_form.line_ids.edit(0) as line:
            self.assertEqual(line.current_qty, 10)
            self.assertEqual(line.new_qty, 10)
            line.new_qty = 7
        wizard_form.save().action_apply()
        self.assertEqual(order.order_line[0].product_uom_qty, 7)
        self.assertEqual(self._move_qty(order, self.product), 7)

    def test_change_quantities_adjusts_delivery_and_logs(self):
        order = self._create_order(lines=[(self.product, 10), (self.product_b, 5)])
        order.action_confirm()
        self._change(
            order, {self.product: 6, self.product_b: 8}, note="Phone call with buyer"
        )
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [6, 8])
        self.assertEqual(self._move_qty(order, self.product), 6)
        self.assertEqual(self._move_qty(order, self.product_b), 8)
        self.assertEqual(order.oms_change_count, 1)
        message = order.message_ids.filtered(
            lambda m: "Order changed" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.reason_change.name, message.body)
        self.assertIn("10.0 → 6.0", message.body)
        self.assertIn("5.0 → 8.0", message.body)
        self.assertIn("Phone call with buyer", message.body)
        self._change(order, {self.product: 4})
        self.assertEqual(order.oms_change_count, 2)

    def test_change_commitment_date(self):
        order = self._create_order()
        order.action_confirm()
        new_date = fields.Datetime.now().replace(microsecond=0) + timedelta(days=20)
        self._change(order, commitment_date=new_date)
        self.assertEqual(order.commitment_date, new_date)
        self.assertEqual(order.picking_ids.move_ids.date_deadline, new_date)
        self.assertEqual(order.oms_change_count, 1)
        self.assertIn("Commitment date", order.message_ids[0].body)

    def test_change_quotation(self):
        order = self._create_order()
        self._change(order, {self.product: 3})
        self.assertEqual(order.order_line.product_uom_qty, 3)
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_change_down_to_delivered_quantity(self):
        order = self._create_order()
        order.action_confirm()
        self._deliver(order, qty=4)
        with self.assertRaisesRegex(UserError, "already delivered"):
            self._change(order, {self.product: 3})
        self.assertEqual(order.order_line.product_uom_qty, 10)
        self.assertEqual(order.oms_change_count, 0)
        self._change(order, {self.product: 4})
        self.assertEqual(order.order_line.product_uom_qty, 4)
        self.assertEqual(order.oms_stage, "shipped")

    def test_change_refuses_negative_quantity(self):
        order = self._create_order(lines=[(self.product, 10), (self.product_b, 5)])
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "negative"):
            self._change(order, {self.product: 6, self.product_b: -1})
        # Nothing changed, not even the valid line.
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [10, 5])
        self.assertEqual(self._move_qty(order, self.product), 10)
        self.assertEqual(order.oms_change_count, 0)

    def test_change_refuses_cancelled_order(self):
        order = self._create_order()
        order.action_confirm()
        order._action_cancel()
        with self.assertRaisesRegex(UserError, "cancelled"):
            self._change(order, {self.product: 6})
        self.assertEqual(order.order_line.product_uom_qty, 10)

    def test_change_refuses_no_change_and_past_dates(self):
        order = self._create_order()
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "Nothing to change"):
            self._change(order)
        past = fields.Datetime.now() - timedelta(days=2)
        with self.assertRaisesRegex(UserError, "past"):
            self._change(order, commitment_date=past)
        self.assertFalse(order.commitment_date)
        self.assertEqual(order.oms_change_count, 0)

    def test_change_needs_a_change_reason(self):
        order = self._create_order()
        with self.assertRaises(ValidationError):
            self._change(order, {self.product: 6}, reason=self.reason_cancel)
        with self.assertRaises(UserError):
            order._oms_apply_change(self.reason_cancel, False, {order.order_line: 6})
        self.assertEqual(order.order_line.product_uom_qty, 10)

    def test_change_refuses_lines_of_another_order(self):
        order = self._create_order()
        other = self._create_order()
        with self.assertRaisesRegex(UserError, "not lines of order"):
            order._oms_apply_change(self.reason_change, False, {other.order_line: 2})
        self.assertEqual(other.order_line.product_uom_qty, 10)
