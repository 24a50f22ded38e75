# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import OmsPurchaseCommon


@tagged("post_install", "-at_install")
class TestBuyToOrder(OmsPurchaseCommon):
    def test_confirm_buys_delivers_and_invoices(self):
        order = self._confirm(qty=2)
        line = order.order_line
        self.assertEqual(line.oms_production_lead_days, 10, "P is the vendor lead time")
        self.assertEqual(line.route_id, self.mto_route)
        purchase = line._oms_get_purchase_lines().order_id
        self.assertEqual(len(purchase), 1)
        self.assertEqual(purchase.partner_id, self.vendor)
        self.assertEqual(purchase.state, "draft")
        self.assertEqual(line._oms_get_purchase_lines().product_qty, 2)
        # Linked both ways, as the smart buttons show.
        self.assertEqual(order.purchase_order_count, 1)
        self.assertEqual(purchase._get_sale_orders(), order)
        self.assertEqual(line.oms_supply_ref, purchase.name)
        self.assertEqual(
            line.oms_supply_date,
            fields.Date.context_today(
                line, line._oms_get_purchase_lines().date_planned
            ),
        )
        delivery = order.picking_ids
        self.assertNotEqual(delivery.state, "assigned", "waits for the vendor")

        purchase.button_confirm()
        self._receive(purchase)
        line.invalidate_recordset(["oms_supply_date"])
        self.assertFalse(line.oms_supply_date, "supply received")
        self.assertEqual(delivery.state, "assigned")
        self._deliver(order)
        self.assertEqual(line.qty_delivered, 2)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(order.invoice_status, "invoiced")

    def test_pd_route_choice_at_the_boundary(self):
        today = fields.Date.context_today(self.env.user)
        # D = 10 days to the requested date, P = 10: P:D = 1, the limit.
        at_limit = self._confirm(
            partner=self.customer_in,
            commitment_date=fields.Datetime.to_datetime(today + timedelta(days=10)),
        )
        self.assertEqual(at_limit.order_line.oms_demand_lead_days, 10)
        self.assertEqual(at_limit.order_line.oms_pd_ratio, 1.0)
        self.assertEqual(at_limit.order_line.route_id, self.mto_route)
        self.assertTrue(at_limit.order_line._oms_get_purchase_lines())
        # One day less: the customer cannot wait for the vendor, the line is
        # served from stock by the strategy's (empty) fallback route.
        too_soon = self._confirm(
            partner=self.customer_in,
            commitment_date=fields.Datetime.to_datetime(today + timedelta(days=9)),
        )
        self.assertGreater(too_soon.order_line.oms_pd_ratio, 1.0)
        self.assertFalse(too_soon.order_line.route_id)
        self.assertFalse(too_soon.order_line._oms_get_purchase_lines())

    def test_late_po_raises_jeopardy(self):
        self._create_late_lines_rule()
        order = self._confirm()
        line = order.order_line
        self.assertEqual(line.oms_jeopardy_level, "none")
        late = line.oms_promised_date + timedelta(days=6)
        line._oms_get_purchase_lines().date_planned = fields.Datetime.to_datetime(late)
        self.assertEqual(line.oms_projected_date, late)
        self.assertEqual(line.oms_delay_days, 6)
        self.assertEqual(line.oms_jeopardy_level, "high")
        # The vendor catches up, as a buyer without sales rights records:
        # the level follows back.
        buyer = new_test_user(
            self.env, login="oms_test_buyer", groups="purchase.group_purchase_user"
        )
        on_time = fields.Datetime.to_datetime(line.oms_promised_date)
        line._oms_get_purchase_lines().with_user(buyer).date_planned = on_time
        self.assertEqual(line.oms_jeopardy_level, "none")

    def test_atp_counts_incoming_receipts(self):
        self.assertEqual(self.actuator.qty_available, 0)
        purchase = self.env["purchase.order"].create(
            {
                "partner_id": self.vendor.id,
                "order_line": [
                    (0, 0, {"product_id": self.actuator.id, "product_qty": 5})
                ],
            }
        )
        purchase.button_confirm()
        quotation = self._create_order(lines=[(self.actuator, 5)])
        self.assertEqual(quotation.order_line.oms_atp_qty, 5)

    def test_cancel_cancels_unstarted_rfq(self):
        order = self._confirm()
        purchase = order.order_line._oms_get_purchase_lines().order_id
        order.with_user(self.oms_user)._oms_cancel_with_reason(self.reason_cancel)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(purchase.state, "cancel")
        self.assertFalse(order.oms_fallout_ids)

    def test_cancel_leaves_shared_rfq_to_other_orders(self):
        first = self._confirm(qty=2)
        second = self._confirm(qty=3)
        purchase = first.order_line._oms_get_purchase_lines().order_id
        self.assertEqual(second.order_line._oms_get_purchase_lines().order_id, purchase)
        first._oms_cancel_with_reason(self.reason_cancel)
        self.assertEqual(purchase.state, "draft")
        self.assertEqual(purchase.order_line.product_qty, 3)
        self.assertEqual(
            second.order_line._oms_get_purchase_lines(), purchase.order_line
        )

    def test_cancel_with_confirmed_po_opens_fallout(self):
        order = self._confirm()
        purchase = order.order_line._oms_get_purchase_lines().order_id
        purchase.button_confirm()
        order.with_user(self.oms_user)._oms_cancel_with_reason(self.reason_cancel)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(purchase.state, "purchase", "a person decides")
        fallout = order.oms_fallout_ids
        self.assertEqual(fallout.step, "purchase_supply")
        self.assertEqual(fallout.state, "open")
        self.assertIn(purchase.name, fallout.error)

    def test_reduce_cuts_rfq_and_reports_confirmed_po(self):
        order = self._confirm(qty=5)
        line = order.order_line
        order._oms_apply_change(self.reason_change, False, {line: 3})
        self.assertEqual(line._oms_get_purchase_lines().product_qty, 3)
        self.assertFalse(order.oms_fallout_ids)
        line._oms_get_purchase_lines().order_id.button_confirm()
        order._oms_apply_change(self.reason_change, False, {line: 1})
        self.assertEqual(order.oms_fallout_ids.step, "purchase_supply")

    def test_dispatch_wizard_shows_supply(self):
        order = self._confirm()
        wizard = self.env["oms.dispatch.confirm"].create({"order_id": order.id})
        self.assertEqual(wizard.dispatch_date, order.oms_promised_date)
        self.assertEqual(wizard.line_ids, order.order_line)
        self.assertEqual(wizard.supply_date, order.order_line.oms_supply_date)
        wizard.dispatch_date = wizard.supply_date - timedelta(days=1)
        self.assertTrue(wizard.before_supply)

    def _confirm_mixed(self, ship_policy):
        self.patient.oms_ship_policy = ship_policy
        order = self._create_order(
            partner=self.patient, lines=[(self.product, 4), (self.actuator, 2)]
        )
        order.action_confirm()
        return order

    def test_partial_shipping_leaves_backorder_for_the_supply(self):
        order = self._confirm_mixed("partial")
        self.assertEqual(order.picking_policy, "direct")
        delivery = order.picking_ids
        self.assertEqual(delivery.state, "assigned", "the stocked valves can go")
        valves = delivery.move_ids.filtered(lambda m: m.product_id == self.product)
        valves.quantity = 4
        valves.picked = True
        # Ship what is there and keep the rest as a backorder (what the user
        # answers in the backorder wizard).
        delivery._action_done()
        backorder = order.picking_ids - delivery
        self.assertEqual(backorder.move_ids.product_id, self.actuator)
        self.assertNotEqual(backorder.state, "assigned")
        purchase = order.order_line._oms_get_purchase_lines().order_id
        purchase.button_confirm()
        self._receive(purchase)
        self.assertEqual(backorder.state, "assigned", "ships when the supply arrives")
        self._deliver(order)
        self.assertEqual(order.order_line.mapped("qty_delivered"), [4, 2])

    def test_ship_complete_waits_for_the_supply(self):
        order = self._confirm_mixed("complete")
        self.assertEqual(order.picking_policy, "one")
        delivery = order.picking_ids
        self.assertNotEqual(delivery.state, "assigned", "nothing ships before all")
        purchase = order.order_line._oms_get_purchase_lines().order_id
        purchase.button_confirm()
        self._receive(purchase)
        self.assertEqual(delivery.state, "assigned")
