# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import OmsPurchaseCommon


@tagged("post_install", "-at_install")
class TestSupplyDates(OmsPurchaseCommon):
    """The dates and quantities supply gives: the customer told once of a
    moved date, the available-to-promise of confirmed purchases only, and
    backorders served by partial receipts as the customer ships."""

    def _date_notices(self, order):
        return order.message_ids.filtered(
            lambda m: "new expected date" in (m.subject or "")
        )

    def test_customer_told_of_a_moved_date_once(self):
        self.env.ref("oms_core.oms_rule_notify_date_change").active = True
        self.patient.email = "patient.buyer@example.com"
        order = self._create_order(
            partner=self.patient,
            lines=[(self.actuator, 2), (self.product, 1), (self.actuator, 3)],
        )
        order.action_confirm()
        po_lines = order.order_line._oms_get_purchase_lines()
        promised = order.oms_promised_date
        self.assertFalse(self._date_notices(order))
        # The vendor moves the whole purchase (every line it buys for the
        # order) six days, as a buyer without sales rights records it.
        buyer = new_test_user(
            self.env, login="oms_test_buyer", groups="purchase.group_purchase_user"
        )
        late = promised + timedelta(days=6)
        po_lines.with_user(buyer).date_planned = fields.Datetime.to_datetime(late)
        self.assertEqual(len(self._date_notices(order)), 1, "one notice per order")
        self.assertEqual(order.oms_notified_date, late)
        # A client write may not silence the next notice.
        with self.assertRaises(UserError):
            order.with_user(self.oms_user).write({"oms_notified_date": promised})
        self.assertEqual(order.oms_notified_date, late)
        self.assertIn(self.patient, self._date_notices(order).partner_ids)
        # Recomputing without a new date tells nothing more.
        po_lines.date_planned = fields.Datetime.to_datetime(late)
        order.order_line._oms_supply_moved()
        self.assertEqual(len(self._date_notices(order)), 1)
        # The promise itself stays: the line is late, not re-promised.
        self.assertEqual(order.oms_promised_date, promised)
        # The vendor catches up: the customer hears of it, once.
        po_lines.date_planned = fields.Datetime.to_datetime(promised)
        self.assertEqual(len(self._date_notices(order)), 2)
        self.assertEqual(order.oms_notified_date, promised)

    def test_no_notice_without_a_moved_date(self):
        self.env.ref("oms_core.oms_rule_notify_date_change").active = True
        order = self._confirm()
        po_lines = order.order_line._oms_get_purchase_lines()
        po_lines.date_planned = fields.Datetime.to_datetime(order.oms_promised_date)
        self.assertFalse(self._date_notices(order))
        self.assertFalse(order.oms_notified_date)

    def test_atp_ignores_draft_rfqs(self):
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    (0, 0, {"product_id": self.actuator.id, "product_qty": 5})
                ],
            }
        )

        def quotation_atp():
            return self._create_order(lines=[(self.actuator, 5)]).order_line.oms_atp_qty

        self.assertEqual(purchase.state, "draft")
        self.assertEqual(quotation_atp(), 0, "an RFQ promises nothing")
        purchase.button_confirm()
        self.assertEqual(quotation_atp(), 5, "a confirmed purchase does")

    def _receive_qty(self, purchase, qty):
        """Receive ``qty`` of the open receipt, the rest left as a backorder."""
        receipt = purchase.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        receipt.move_ids.quantity = qty
        receipt.move_ids.picked = True
        receipt._action_done()
        return receipt

    def _confirm_bought(self, ship_policy):
        self.patient.oms_ship_policy = ship_policy
        order = self._confirm(qty=4)
        purchase = order.order_line._oms_get_purchase_lines().order_id
        purchase.button_confirm()
        return order, purchase

    def test_partial_receipt_ships_partially_for_partial_customers(self):
        order, purchase = self._confirm_bought("partial")
        delivery = order.picking_ids
        self._receive_qty(purchase, 3)
        self.assertEqual(delivery.state, "assigned", "what arrived can go")
        self.assertEqual(delivery.move_ids.quantity, 3)
        delivery.move_ids.picked = True
        delivery._action_done()
        self.assertEqual(order.order_line.qty_delivered, 3)
        backorder = order.picking_ids - delivery
        self.assertEqual(backorder.move_ids.product_uom_qty, 1)
        self.assertNotEqual(backorder.state, "assigned", "waits for the rest")
        self._receive(purchase)
        self.assertEqual(backorder.state, "assigned", "ships when supply arrives")
        self._deliver(order)
        self.assertEqual(order.order_line.qty_delivered, 4)

    def test_partial_receipt_waits_for_ship_complete_customers(self):
        order, purchase = self._confirm_bought("complete")
        self.assertEqual(order.picking_policy, "one")
        delivery = order.picking_ids
        self._receive_qty(purchase, 3)
        self.assertNotEqual(delivery.state, "assigned", "nothing ships before all")
        self._receive(purchase)
        self.assertEqual(delivery.state, "assigned")
        self._deliver(order)
        self.assertEqual(order.order_line.qty_delivered, 4)
        self.assertEqual(len(order.picking_ids), 1, "one delivery, no backorder")
