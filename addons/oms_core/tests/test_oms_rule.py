# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestOmsRule(OmsCoreCommon):
    def test_hold_rule_keeps_order_from_warehouse(self):
        self._create_rule(domain="[('amount_total', '>', 500)]")
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertFalse(order.picking_ids)
