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

    def test_quantity_history_of_several_customers_as_the_user_sees_it(self):
        # One query for the customers of a batch; the orders a salesman may
        # not read (another salesman's) are not his history.
        past_de = self._create_order(lines=[(self.product, 4)])
        past_in = self._create_order(self.customer_in, lines=[(self.product, 8)])
        (past_de | past_in).action_confirm()
        theirs = self._create_order(lines=[(self.product, 40)])
        theirs.user_id = self.oms_manager
        theirs.action_confirm()
        past_de.user_id = past_in.user_id = self.salesman
        batch = self._create_order(lines=[(self.product, 1)]) | self._create_order(
            self.customer_in, lines=[(self.product, 1), (self.product_b, 1)]
        )
        self.assertEqual(
            batch._oms_get_quantity_history(batch.order_line),
            {
                (self.customer_de, self.product): 22.0,
                (self.customer_in, self.product): 8.0,
            },
        )
        batch = batch.with_user(self.salesman)
        self.assertEqual(
            batch._oms_get_quantity_history(batch.order_line),
            {
                (self.customer_de, self.product): 4.0,
                (self.customer_in, self.product): 8.0,
            },
        )
        self.assertEqual(batch._oms_get_quantity_history(batch.order_line.browse()), {})
