# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OmsMrpCommon


@tagged("post_install", "-at_install")
class TestMakeToOrder(OmsMrpCommon):
    def _assert_made_delivered_invoiced(self, order):
        line = order.order_line
        production = line.oms_production_ids
        self.assertEqual(len(production), 1)
        self.assertEqual(production.product_qty, line.product_uom_qty)
        # Linked both ways, as the smart buttons show.
        self.assertEqual(order.mrp_production_ids, production)
        self.assertEqual(production.sale_order_count, 1)
        self.assertEqual(line.oms_supply_ref, production.name)
        delivery = order.picking_ids
        self.assertNotEqual(delivery.state, "assigned", "waits for production")
        self._produce(production)
        self.assertEqual(production.state, "done")
        self.assertEqual(delivery.state, "assigned")
        self._deliver(order)
        self.assertEqual(line.qty_delivered, line.product_uom_qty)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(order.invoice_status, "invoiced")

    def test_make_to_order_flow(self):
        order = self._confirm(self.exchanger)
        self.assertEqual(order.order_line.route_id, self.mto_route)
        self.assertEqual(order.order_line.oms_production_lead_days, 5)
        self._assert_made_delivered_invoiced(order)

    def test_production_user_closes_the_order(self):
        """A production user (not the superuser the other tests run as)
        closes a manufacturing order with a component left unconsumed: the
        stock move guard lets Odoo's own transitions through, and refuses
        the same user's direct write of a move's state."""
        self.exchanger.bom_ids.write(
            {
                "consumption": "flexible",
                "bom_line_ids": [
                    (0, 0, {"product_id": self.frame.id, "product_qty": 1})
                ],
            }
        )
        order = self._confirm(self.exchanger)
        production = order.order_line.oms_production_ids
        production.action_assign()
        frame_move = production.move_raw_ids.filtered(
            lambda m: m.product_id == self.frame
        )
        tube_move = production.move_raw_ids - frame_move
        worker = new_test_user(
            self.env,
            login="oms_test_mrp_worker",
            groups="mrp.group_mrp_user,stock.group_stock_user",
        )
        production = production.with_user(worker)
        production.qty_producing = production.product_qty
        tube_move.with_user(worker).picked = True
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        self.assertEqual(tube_move.state, "done")
        self.assertEqual(frame_move.state, "cancel", "nothing consumed of it")
        with self.assertRaises(UserError):
            tube_move.with_user(worker).write({"state": "assigned"})
        with self.assertRaises(UserError):
            frame_move.with_user(worker).write({"state": "done"})

    def test_assemble_to_order_flow(self):
        order = self._confirm(self.pump)
        self.assertEqual(order.order_line.oms_production_lead_days, 1)
        self._assert_made_delivered_invoiced(order)

    def test_kit_is_exploded_into_components(self):
        kit = self._made_product(
            "Pump Kit",
            "oms_core.oms_fulfilment_strategy_mts",
            0,
            [(self.tube, 2), (self.shell, 1)],
            bom_type="phantom",
        )
        order = self._confirm(kit, qty=3)
        line = order.order_line
        # The shell is short and bought in 7 days: the kit's P.
        self.assertEqual(line.oms_production_lead_days, 7)
        moves = order.picking_ids.move_ids
        self.assertEqual(moves.product_id, self.tube | self.shell)
        self.assertEqual(
            sum(
                moves.filtered(lambda m: m.product_id == self.tube).mapped(
                    "product_uom_qty"
                )
            ),
            6,
        )

    def test_engineer_to_order_waits_for_approval(self):
        order = self._confirm(self.skid)
        line = order.order_line
        self.assertTrue(order.oms_on_hold)
        # The design approval is a stage of its own.
        self.assertEqual(order.oms_stage, "engineering")
        self.assertEqual(line.oms_eng_state, "pending")
        self.assertFalse(line.oms_production_ids, "no MO before the approval")
        hold = order.oms_hold_ids
        # Neither an OMS user nor a client write can approve the design.
        with self.assertRaises(AccessError):
            hold.with_user(self.oms_user).action_release("Looks fine")
        with self.assertRaises(UserError):
            line.with_user(self.oms_user).write({"oms_eng_state": "approved"})
        with self.assertRaises(UserError):
            self.env["sale.order.line"].with_user(self.oms_user).create(
                {
                    "order_id": order.id,
                    "product_id": self.skid.id,
                    "oms_eng_state": "approved",
                }
            )
        self.assertEqual(line.oms_eng_state, "pending")
        self.assertEqual(hold.state, "active")
        hold.with_user(self.engineer).action_release("Drawing rev. B approved")
        self.assertEqual(line.oms_eng_state, "approved")
        self.assertEqual(line.oms_eng_approved_by_id, self.engineer)
        self.assertTrue(line.oms_eng_approved_on)
        self.assertEqual(line.oms_eng_bom_id.product_tmpl_id, self.skid.product_tmpl_id)
        self.assertFalse(order.oms_on_hold)
        self._assert_made_delivered_invoiced(order)

    def test_cancelled_engineering_hold_approves_nothing(self):
        order = self._confirm(self.skid)
        hold = order.oms_hold_ids
        hold.with_user(self.engineer).action_cancel("Design rejected")
        self.assertEqual(hold.state, "cancelled")
        self.assertEqual(order.order_line.oms_eng_state, "pending")
        self.assertFalse(order.order_line.oms_production_ids)

    def test_pd_route_choice_counts_short_components(self):
        exchanger = self._made_product(
            "Exchanger With Bought Shell",
            "oms_core.oms_fulfilment_strategy_mto",
            5,
            [(self.shell, 1)],
        )
        today = fields.Date.context_today(self.env.user)
        # P = 5 days to make + 7 days for the short shell = 12 = D.
        at_limit = self._confirm(
            exchanger,
            partner=self.customer_in,
            commitment_date=fields.Datetime.to_datetime(today + timedelta(days=12)),
        )
        self.assertEqual(at_limit.order_line.oms_production_lead_days, 12)
        self.assertEqual(at_limit.order_line.oms_pd_ratio, 1.0)
        self.assertEqual(at_limit.order_line.route_id, self.mto_route)
        self.assertTrue(at_limit.order_line.oms_production_ids)
        too_soon = self._confirm(
            exchanger,
            partner=self.customer_in,
            commitment_date=fields.Datetime.to_datetime(today + timedelta(days=11)),
        )
        self.assertGreater(too_soon.order_line.oms_pd_ratio, 1.0)
        self.assertFalse(too_soon.order_line.route_id)
        self.assertFalse(too_soon.order_line.oms_production_ids)

    def test_late_mo_raises_jeopardy(self):
        self._create_late_lines_rule()
        order = self._confirm(self.exchanger)
        line = order.order_line
        late = line.oms_promised_date + timedelta(days=3)
        line.oms_production_ids.date_finished = fields.Datetime.to_datetime(late)
        self.assertEqual(line.oms_projected_date, late)
        self.assertEqual(line.oms_jeopardy_level, "high")

    def test_cancel_cancels_unstarted_mo(self):
        order = self._confirm(self.exchanger)
        production = order.order_line.oms_production_ids
        order.with_user(self.oms_user)._oms_cancel_with_reason(self.reason_cancel)
        self.assertEqual(production.state, "cancel")
        self.assertFalse(order.oms_fallout_ids)

    def test_cancel_with_started_mo_opens_fallout(self):
        order = self._confirm(self.exchanger)
        production = order.order_line.oms_production_ids
        production.action_assign()
        production.qty_producing = 1
        order.with_user(self.oms_user)._oms_cancel_with_reason(self.reason_cancel)
        self.assertNotEqual(production.state, "cancel", "a person decides")
        fallout = order.oms_fallout_ids
        self.assertEqual(fallout.step, "production_supply")
        self.assertIn(production.name, fallout.error)

    def test_reduce_reduces_unstarted_mo(self):
        order = self._confirm(self.exchanger, qty=5)
        line = order.order_line
        order._oms_apply_change(self.reason_change, False, {line: 3})
        self.assertEqual(
            line.oms_production_ids.filtered(
                lambda mo: mo.state != "cancel"
            ).product_qty,
            3,
        )
        self.assertFalse(order.oms_fallout_ids)
