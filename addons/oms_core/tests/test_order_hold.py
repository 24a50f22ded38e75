# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestOrderHold(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("oms_core.oms_reason_hold_credit")
        cls.rule = cls._create_rule(
            name="Big orders",
            domain="[('amount_total', '>', 500)]",
            reason_id=cls.reason.id,
        )

    def _held_order(self):
        order = self._create_order()
        order.action_confirm()
        self.assertTrue(order.oms_on_hold)
        return order

    def test_hold_records_rule_reason_and_chatter(self):
        order = self._held_order()
        hold = order.oms_hold_ids
        self.assertEqual(hold.rule_id, self.rule)
        self.assertEqual(hold.reason_id, self.reason)
        self.assertEqual(hold.state, "active")
        self.assertIn("Order put on hold", order.message_ids[0].body)

    def test_release_by_manager_launches_procurement(self):
        order = self._held_order()
        wizard = (
            self.env["oms.hold.release"]
            .with_user(self.oms_manager)
            .create(
                {
                    "hold_ids": order.oms_hold_ids.ids,
                    "comment": "Customer paid a deposit",
                }
            )
        )
        wizard.action_release()
        hold = order.oms_hold_ids
        self.assertEqual(hold.state, "released")
        self.assertEqual(hold.released_by_id, self.oms_manager)
        self.assertEqual(hold.release_comment, "Customer paid a deposit")
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(len(order.picking_ids), 1)
        self.assertIn("Customer paid a deposit", order.message_ids[0].body)

    def test_release_without_rights_changes_nothing(self):
        order = self._held_order()
        with self.assertRaises(AccessError):
            order.oms_hold_ids.with_user(self.oms_user).action_release("Let it go")
        self.assertEqual(order.oms_hold_ids.state, "active")
        self.assertFalse(order.picking_ids)

    def test_release_needs_a_comment(self):
        order = self._held_order()
        with self.assertRaises(UserError):
            order.oms_hold_ids.with_user(self.oms_manager).action_release("  ")
        self.assertEqual(order.oms_hold_ids.state, "active")

    def test_approval_released_by_its_group(self):
        approvers = self.env.ref("sales_team.group_sale_manager")
        self.rule.write({"rule_type": "approval", "group_id": approvers.id})
        order = self._held_order()
        self.assertEqual(order.oms_stage, "validation")
        with self.assertRaises(AccessError):
            order.oms_hold_ids.with_user(self.oms_user).action_release("ok")
        sales_manager = self.oms_user.copy(
            {"login": "oms_sales_manager", "groups_id": [(4, approvers.id)]}
        )
        order.oms_hold_ids.with_user(sales_manager).action_release("Approved price")
        self.assertEqual(order.oms_stage, "released")

    def test_partial_release_keeps_order_held(self):
        self._create_rule(name="Second", domain="[('amount_total', '>', 100)]")
        order = self._held_order()
        self.assertEqual(len(order.oms_hold_ids), 2)
        order.oms_hold_ids[0].with_user(self.oms_manager).action_release("first ok")
        self.assertTrue(order.oms_on_hold)
        self.assertFalse(order.picking_ids)
        order.oms_hold_ids.with_user(self.oms_manager).action_release("second ok")
        self.assertFalse(order.oms_on_hold)
        self.assertTrue(order.picking_ids)

    def test_auto_release_when_rule_stops_matching(self):
        self.rule.write(
            {"auto_release": True, "domain": "[('client_order_ref', '=', False)]"}
        )
        order = self._held_order()
        order.client_order_ref = "PO-4711"
        order._cron_recheck_holds()
        self.assertFalse(order.oms_on_hold)
        self.assertFalse(order.oms_hold_ids.released_by_id.share)
        self.assertTrue(order.picking_ids)

    def test_holds_of_other_companies_are_invisible(self):
        order = self._held_order()
        other_company = self.env["res.company"].create({"name": "Other Exports"})
        outsider = self.oms_manager.copy(
            {
                "login": "oms_outsider",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
            }
        )
        visible = self.env["oms.order.hold"].with_user(outsider).search([])
        self.assertNotIn(order.oms_hold_ids, visible)

    def test_cancel_hold_lets_order_proceed(self):
        order = self._held_order()
        wizard = (
            self.env["oms.hold.release"]
            .with_user(self.oms_manager)
            .create(
                {
                    "hold_ids": order.oms_hold_ids.ids,
                    "mode": "cancel",
                    "comment": "Raised on a wrong amount",
                }
            )
        )
        wizard.action_cancel_holds()
        hold = order.oms_hold_ids
        self.assertEqual(hold.state, "cancelled")
        self.assertEqual(hold.released_by_id, self.oms_manager)
        self.assertEqual(hold.release_comment, "Raised on a wrong amount")
        self.assertFalse(order.oms_on_hold)
        self.assertEqual(len(order.picking_ids), 1)
        self.assertIn("Hold cancelled", order.message_ids[0].body)

    def test_rule_hold_raised_by_salesman(self):
        self.rule.write({"rule_type": "approval", "auto_release": True})
        order = self._create_order(user_id=self.salesman.id)
        order.with_user(self.salesman).action_confirm()
        hold = order.oms_hold_ids
        self.assertEqual(hold.hold_type, "approval")
        self.assertTrue(hold.auto_release)
        self.assertEqual(hold.raised_by_id, self.salesman)

    def test_recheck_releases_cleared_orders_in_one_run(self):
        self.rule.write(
            {"auto_release": True, "domain": "[('client_order_ref', '=', False)]"}
        )
        orders = self._held_order() | self._held_order() | self._held_order()
        orders[:2].client_order_ref = "PO-4712"
        self.env["sale.order"]._cron_recheck_holds()
        self.assertEqual(orders.mapped("oms_on_hold"), [False, False, True])
        self.assertEqual(orders[:2].oms_hold_ids.mapped("state"), ["released"] * 2)
        self.assertTrue(orders[0].picking_ids)
        self.assertTrue(orders[1].picking_ids)
        self.assertFalse(orders[2].picking_ids)
        self.assertIn("The rule no longer applies", orders[0].message_ids[0].body)

    def test_hold_raised_by_hand_moves_the_stage(self):
        self.rule.active = False
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.oms_stage, "released")
        hold = (
            self.env["oms.order.hold"]
            .with_user(self.oms_user)
            .create(
                {
                    "order_id": order.id,
                    "reason_id": self.reason.id,
                    "message": "Customer disputes the price",
                }
            )
        )
        self.assertEqual(order.oms_stage, "on_hold")
        history = order.oms_stage_history_ids.sorted("id")
        self.assertEqual(history[-1].stage, "on_hold")
        self.assertEqual(history[-1].user_id, self.oms_user)
        hold.with_user(self.oms_manager).action_release("Price agreed")
        history = order.oms_stage_history_ids.sorted("id")
        self.assertEqual(
            history.mapped("stage"), ["captured", "released", "on_hold", "released"]
        )
        self.assertEqual(history[-1].user_id, self.oms_manager)
        self.assertEqual(len(order.picking_ids), 1)
