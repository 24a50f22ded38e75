# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestConfirmCost(OmsCoreCommon):
    """What the confirmation no longer reads keeps behaving as before:
    warnings of an earlier confirmation, holds, the quantity history."""

    def test_warnings_of_an_earlier_confirmation_are_cleared(self):
        rule = self._create_rule(
            rule_type="warn", domain="[('amount_total', '>', 500)]"
        )
        order = self._create_order(lines=[(self.product, 10)])
        order.action_confirm()
        self.assertEqual(order.oms_warning_rule_ids, rule)
        self.assertFalse(order.copy().oms_warning_rule_ids, "copied warnings")
        order._action_cancel()
        order.action_draft()
        self.assertFalse(order.oms_warning_rule_ids)
        order.order_line.product_uom_qty = 1  # under the rule's amount
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oms_warning_rule_ids)

    def test_order_without_holds_is_released_and_held_one_is_not(self):
        order = self._create_order()
        order.action_confirm()
        self.assertFalse(order.oms_on_hold)
        self.assertEqual(order.oms_stage, "released")
        self._create_rule(domain="[('amount_total', '>', 500)]")
        held = self._create_order()
        result = held.action_confirm()
        self.assertEqual(held.oms_stage, "on_hold")
        self.assertEqual(result["tag"], "display_notification", "hold notice")

    def test_quantity_history_reads_other_confirmed_orders_only(self):
        rule = self._create_rule(
            check_method="_oms_check_quantity_history", ratio_threshold=5
        )
        past = self._create_order(lines=[(self.product, 2)])
        past.action_confirm()  # held by the rule? no history yet: released
        self.assertFalse(past.oms_on_hold)
        # An unconfirmed order (pending changes included) is not history.
        self._create_order(lines=[(self.product, 1000)])
        usual = self._create_order(lines=[(self.product, 10)])
        large = self._create_order(lines=[(self.product, 11)])
        both = usual | large
        self.assertEqual(rule._match(both), large)
        averages = both._oms_get_quantity_history(both.order_line)
        self.assertEqual(averages, {(self.customer_de, self.product): 2.0})
