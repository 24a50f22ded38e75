# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestFallout(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A warehouse whose delivery rules are archived: procurement fails.
        cls.broken_warehouse = cls.env["stock.warehouse"].create(
            {"name": "Chakan Plant", "code": "CHK"}
        )
        cls.delivery_rules = cls.broken_warehouse.delivery_route_id.rule_ids
        cls.delivery_rules.active = False

    def _bad_order(self):
        return self._create_order(warehouse_id=self.broken_warehouse.id)

    def test_procurement_failure_goes_to_fallout(self):
        order = self._bad_order()
        # An OMS user cannot create fallouts, but their confirmation records one.
        order.with_user(self.oms_user).action_confirm()
        self.assertEqual(order.state, "sale", "The order stays confirmed")
        fallout = order.oms_fallout_ids
        self.assertEqual(fallout.step, "procurement")
        self.assertEqual(fallout.state, "open")
        self.assertTrue(fallout.error)
        self.assertEqual(order.oms_fallout_count, 1)

    def test_retry_counts_attempts_then_resolves(self):
        order = self._bad_order()
        order.action_confirm()
        fallout = order.oms_fallout_ids
        fallout.action_retry()
        self.assertEqual(fallout.state, "open")
        self.assertEqual(fallout.attempts, 2)
        self.assertEqual(
            len(order.oms_fallout_ids), 1, "Retries update the same fallout"
        )
        # Fix the cause, retry: the delivery is created and the fallout closes.
        self.delivery_rules.active = True
        fallout.action_retry()
        self.assertEqual(fallout.state, "resolved")
        self.assertTrue(order.picking_ids)
        self.assertEqual(order.oms_fallout_count, 0)

    def test_one_failing_order_does_not_block_others(self):
        bad = self._bad_order()
        good = self._create_order()
        (bad | good).action_confirm()
        self.assertTrue(bad.oms_fallout_ids)
        self.assertFalse(good.oms_fallout_ids)
        self.assertTrue(good.picking_ids)
