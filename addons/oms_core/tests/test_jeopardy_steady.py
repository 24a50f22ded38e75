# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from psycopg2 import errors

from odoo import Command, fields, sql_db
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OmsCoreCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestJeopardySteady(OmsCoreCommon):
    """A scan with nothing changed since the last one reads no line: its
    cost does not depend on the number of open lines. What changed (a
    promise, a delivery date, a rule) is looked at again at the next run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._create_late_lines_rule("high")
        cls.Scan = cls.env["oms.jeopardy.scan"]
        cls.today = fields.Date.context_today(cls.Scan)

    def _open_orders(self, count, days_late=5):
        """``count`` confirmed orders of two lines, planned ``days_late``
        days after their promise."""
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer_in.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                        for product in (self.product, self.product_b)
                    ],
                }
                for _index in range(count)
            ]
        )
        orders.action_confirm()
        self._reschedule(orders, days_late)
        return orders

    def _reschedule(self, orders, days):
        orders.picking_ids.scheduled_date = fields.Datetime.now() + timedelta(days=days)

    def _run(self):
        """A full scan (the cron's), caches emptied as in a new transaction.

        :returns: the number of lines scanned
        """
        self.env.flush_all()
        self.env.invalidate_all()
        return sum(self.Scan._run().mapped("line_count"))

    def _steady_queries(self):
        """Queries of a run right after a run."""
        self._run()
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.assertEqual(self._run(), 0)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_second_run_constant_queries(self):
        orders = self._open_orders(5)  # 10 open lines
        self._run()  # warm-up: the demo database's open lines too
        self.assertEqual(set(orders.order_line.mapped("oms_jeopardy_level")), {"high"})
        small = self._steady_queries()
        more = self._open_orders(25)  # 60 open lines
        self.assertEqual(self._run(), 50)
        self.assertEqual(set(more.order_line.mapped("oms_jeopardy_level")), {"high"})
        self.env.flush_all()
        self.env.invalidate_all()
        _logger.info("Jeopardy scan with nothing changed: %s queries", small)
        with self.assertQueryCount(small):
            self.assertEqual(self._run(), 0)
        self.assertEqual(
            set((orders | more).order_line.mapped("oms_jeopardy_next_check")),
            {self.today + timedelta(days=1)},
        )

    def test_changed_lines_scanned_again(self):
        late, moved, other = self._open_orders(3)
        self._run()
        self.assertEqual(self._run(), 0)
        # A promise moved past the planned date: no longer late.
        late.order_line[0].oms_promised_date = self.today + timedelta(days=30)
        # A delivery brought forward to its promise.
        self._reschedule(moved, 0)
        self.assertEqual(self._run(), 3)
        self.assertEqual(late.order_line.mapped("oms_jeopardy_level"), ["none", "high"])
        self.assertEqual(set(moved.order_line.mapped("oms_delay_days")), {0})
        self.assertEqual(set(moved.order_line.mapped("oms_jeopardy_level")), {"none"})
        self.assertEqual(set(other.order_line.mapped("oms_jeopardy_level")), {"high"})
        # A rule edited: every open line is looked at again.
        scanned = self.env["sale.order.line"].search_count(self.Scan._get_scan_domain())
        self.rule.jeopardy_level = "critical"
        self.assertEqual(self._run(), scanned)
        self.assertEqual(
            set(other.order_line.mapped("oms_jeopardy_level")), {"critical"}
        )
        self.assertEqual(self._run(), 0)
        # A rule removed: the levels it set go.
        self.rule.unlink()
        self.assertEqual(self._run(), scanned)
        self.assertEqual(set(other.order_line.mapped("oms_jeopardy_level")), {"none"})

    def test_due_again_the_next_day(self):
        order = self._open_orders(1)
        self._run()
        self.assertEqual(
            set(order.order_line.mapped("oms_jeopardy_next_check")),
            {self.today + timedelta(days=1)},
        )
        due = self.env["sale.order.line"].search(
            self.env["sale.order.line"]._oms_jeopardy_due_domain(
                self.today + timedelta(days=1)
            )
        )
        self.assertLessEqual(order.order_line, due)

    def test_next_check_only_set_by_the_scan(self):
        order = self._open_orders(1)
        self._run()
        line = order.order_line[0]
        later = self.today + timedelta(days=90)
        for user in (self.salesman, self.oms_manager):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"oms_jeopardy_next_check": later})
            with self.assertRaises(AccessError):
                self.env["sale.order.line"].with_user(user).create(
                    {
                        "order_id": order.id,
                        "product_id": self.product.id,
                        "oms_jeopardy_next_check": later,
                    }
                )
        self.assertEqual(line.oms_jeopardy_next_check, self.today + timedelta(days=1))
        self.assertEqual(len(order.order_line), 2)

    def test_lines_held_elsewhere_are_skipped(self):
        """Lines another transaction holds (a concurrent scan, a user's
        edit) are skipped by whole orders and stay due."""
        order = (
            self.env["sale.order"]
            .search([("state", "=", "sale")])
            .filtered(lambda order: len(order.order_line) > 1)[:1]
        )
        if not order:
            self.skipTest("no order of several lines in the database")
        siblings = order.order_line
        line = siblings[0]
        # A connection of its own: the registry's cursor is the test's.
        with sql_db.db_connect(self.cr.dbname).cursor() as other:
            try:
                other.execute(
                    "SELECT id FROM sale_order_line WHERE id = %s FOR UPDATE NOWAIT",
                    [line.id],
                )
            except errors.LockNotAvailable:
                self.skipTest("the line is locked by the test transaction")
            claimed = siblings._oms_jeopardy_claim()
            other.rollback()
        self.assertFalse(claimed & siblings)
        self.assertEqual(siblings._oms_jeopardy_claim(), siblings.sorted("id"))
