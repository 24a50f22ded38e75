# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Batch jobs cost a fixed number of queries, not some per record."""

import logging
from unittest.mock import patch

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BatchQueriesMixin, OmsCoreCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestBatchQueriesHolds(BatchQueriesMixin, OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_rule(
            name="Held until the PO is replaced",
            domain="[('client_order_ref', '=', 'PO-TO-CONFIRM')]",
            reason_id=cls.env.ref("oms_core.oms_reason_hold_credit").id,
            auto_release=True,
        )

    def _held_orders(self, count):
        orders = self.env["sale.order"].union(
            *(
                self._create_order(client_order_ref="PO-TO-CONFIRM")
                for _index in range(count)
            )
        )
        orders.action_confirm()
        self.assertTrue(all(orders.mapped("oms_on_hold")))
        return orders

    def test_recheck_queries_do_not_grow_with_orders(self):
        Order = self.env["sale.order"]
        orders = self._held_orders(2)
        # Warm caches; demo orders whose rule stopped matching go now.
        Order._cron_recheck_holds()
        two, _result = self._count_queries(Order._cron_recheck_holds)
        orders |= self._held_orders(6)
        eight, _result = self._count_queries(Order._cron_recheck_holds)
        _logger.info("Hold re-check: %s queries for 2 orders, %s for 8", two, eight)
        self.assertLessEqual(eight, two + 3)
        self.assertTrue(all(orders.mapped("oms_on_hold")))

    def _patch_recheck(self, failing_company, error):
        SaleOrder = type(self.env["sale.order"])
        recheck = SaleOrder._oms_recheck_auto_release_holds

        def _recheck(orders):
            if orders.env.company == failing_company:
                raise error
            return recheck(orders)

        return patch.object(SaleOrder, "_oms_recheck_auto_release_holds", _recheck)

    def _cleared_orders_of_two_companies(self):
        other = self.env["res.company"].create({"name": "OMS Hold Other"})
        orders = self._held_orders(1)
        orders |= self._create_order(
            client_order_ref="PO-TO-CONFIRM", company_id=other.id
        )
        orders[1:].action_confirm()
        self.assertTrue(orders[1].oms_on_hold)
        orders.client_order_ref = "PO-4713"
        return orders, other

    def test_failing_company_does_not_block_others(self):
        orders, other = self._cleared_orders_of_two_companies()
        with (
            self._patch_recheck(other, UserError("Broken rule")),
            self.assertLogs("odoo.addons.oms_core.models.sale_order", "ERROR") as logs,
        ):
            self.env["sale.order"]._cron_recheck_holds()
        self.assertIn("OMS Hold Other", logs.output[0])
        self.assertFalse(orders[0].oms_on_hold)
        self.assertTrue(orders[1].oms_on_hold)
        self.assertEqual(orders[1].oms_hold_ids.state, "active")
        self.env["sale.order"]._cron_recheck_holds()
        self.assertFalse(orders[1].oms_on_hold)

    def test_recheck_conflict_propagates(self):
        _orders, other = self._cleared_orders_of_two_companies()
        with (
            self._patch_recheck(other, psycopg2.errors.DeadlockDetected("x")),
            self.assertRaises(psycopg2.errors.DeadlockDetected),
        ):
            self.env["sale.order"]._cron_recheck_holds()
