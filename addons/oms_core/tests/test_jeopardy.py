# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OmsCoreCommon

_logger = logging.getLogger(__name__)

CRITICAL_DOMAIN = (
    "['|', ('oms_delay_days', '>=', 14), ('oms_stage_age_days', '>=', 30)]"
)


@tagged("post_install", "-at_install")
class TestJeopardy(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = {
            level: cls._create_jeopardy_rule(level, domain, escalate=escalate)
            for level, domain, escalate in (
                ("low", "[('oms_delay_days', '>=', 1)]", False),
                ("medium", "[('oms_delay_days', '>=', 3)]", False),
                ("high", "[('oms_delay_days', '>=', 7)]", True),
                (
                    "critical",
                    CRITICAL_DOMAIN,
                    True,
                ),
            )
        }
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    @classmethod
    def _create_jeopardy_rule(cls, level, domain, escalate=False, sequence=10):
        return cls._create_rule(
            name=f"Jeopardy {level}",
            applies_to="sale.order.line",
            event="jeopardy_scan",
            rule_type="jeopardy",
            jeopardy_level=level,
            escalate=escalate,
            domain=domain,
            sequence=sequence,
        )

    def _late_order(self, days, **vals):
        """A confirmed order whose delivery is now planned ``days`` after
        its promised date."""
        order = self._create_order(
            partner=self.customer_in,
            lines=[(self.product, 2)],
            user_id=self.salesman.id,
            **vals,
        )
        order.action_confirm()
        self._reschedule(order, days)
        return order

    def _reschedule(self, order, days):
        order.picking_ids.scheduled_date = fields.Datetime.now() + timedelta(days=days)

    def _scan(self, orders):
        return self.env["sale.order.line"]._oms_jeopardy_scan(lines=orders.order_line)

    def _escalations(self, order):
        return order.activity_ids.filtered(lambda a: a.activity_type_id == self.todo)

    def test_scan_sets_projected_date_delay_and_level(self):
        orders = {days: self._late_order(days) for days in (0, 2, 5, 10, 20)}
        scanned = self._scan(self.env["sale.order"].union(*orders.values()))
        self.assertEqual(scanned, 5)
        today = fields.Date.context_today(self.env.user)
        expected = {0: "none", 2: "low", 5: "medium", 10: "high", 20: "critical"}
        for days, order in orders.items():
            line = order.order_line
            self.assertEqual(line.oms_projected_date, today + timedelta(days=days))
            self.assertEqual(line.oms_delay_days, days)
            self.assertEqual(line.oms_stage_age_days, 0)
            self.assertEqual(line.oms_jeopardy_level, expected[days], days)
            self.assertEqual(order.oms_jeopardy_level, expected[days], days)

    def test_highest_level_wins_whatever_the_rule_order(self):
        # The critical rule is evaluated first; the lower ones match too.
        self.rules["critical"].sequence = 1
        order = self._late_order(20)
        self._scan(order)
        self.assertEqual(order.order_line.oms_jeopardy_level, "critical")

    def test_short_stock_projects_replenishment_lead_time(self):
        blade = self._create_product("Turbine Blade", 300.0)
        order = self._create_order(partner=self.customer_in, lines=[(blade, 4)])
        order.action_confirm()
        line = order.order_line
        today = fields.Date.context_today(line)
        self.assertEqual(
            line.oms_promised_date, fields.Date.context_today(order, order.date_order)
        )
        # The plant now needs 8 days to make the missing blades.
        line.oms_production_lead_days = 8
        self._scan(order)
        self.assertEqual(line.oms_projected_date, today + timedelta(days=8))
        self.assertEqual(line.oms_delay_days, 8)
        self.assertEqual(line.oms_jeopardy_level, "high")

    def test_order_stuck_in_stage_is_critical(self):
        order = self._late_order(0)
        order.oms_stage_history_ids.date_start = fields.Datetime.now() - timedelta(
            days=31
        )
        self._scan(order)
        self.assertEqual(order.order_line.oms_stage_age_days, 31)
        self.assertEqual(order.order_line.oms_jeopardy_level, "critical")

    def test_escalation_activity_created_once(self):
        order = self._late_order(10)
        self._scan(order)
        activity = self._escalations(order)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(order.oms_escalated_level, "high")
        self._scan(order)
        self._scan(order)
        self.assertEqual(self._escalations(order), activity, "No duplicate on re-scan.")
        # Done is done: the same level is not escalated again.
        activity.action_done()
        self._scan(order)
        self.assertFalse(self._escalations(order))
        # A higher level is a new escalation.
        self._reschedule(order, 20)
        self._scan(order)
        self.assertEqual(len(self._escalations(order)), 1)
        self.assertEqual(order.oms_escalated_level, "critical")

    def test_escalation_without_salesperson_goes_to_oms_manager(self):
        order = self._late_order(10)
        order.user_id = False
        self._scan(order)
        activity = self._escalations(order)
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("oms_core.group_oms_manager"))

    def test_no_escalation_below_escalating_level(self):
        order = self._late_order(5)
        self._scan(order)
        self.assertEqual(order.oms_jeopardy_level, "medium")
        self.assertFalse(self._escalations(order))

    def test_scan_is_idempotent(self):
        orders = self._late_order(2) | self._late_order(10)
        self._scan(orders)
        lines = orders.order_line
        first = [
            (line.oms_projected_date, line.oms_delay_days, line.oms_jeopardy_level)
            for line in lines
        ]
        activities = orders.activity_ids
        self._scan(orders)
        second = [
            (line.oms_projected_date, line.oms_delay_days, line.oms_jeopardy_level)
            for line in lines
        ]
        self.assertEqual(first, second)
        self.assertEqual(orders.activity_ids, activities)

    def test_recovered_line_goes_back_to_none(self):
        order = self._late_order(10)
        self._scan(order)
        self.assertEqual(order.oms_jeopardy_level, "high")
        self._reschedule(order, 0)
        self._scan(order)
        self.assertEqual(order.order_line.oms_delay_days, 0)
        self.assertEqual(order.order_line.oms_jeopardy_level, "none")
        self.assertEqual(order.oms_jeopardy_level, "none")
        self.assertEqual(order.oms_escalated_level, "none")

    def test_delivered_and_cancelled_lines_go_back_to_none(self):
        delivered = self._late_order(10)
        cancelled = self._late_order(10)
        self._scan(delivered | cancelled)
        self._deliver(delivered)
        cancelled._action_cancel()
        self.env["sale.order.line"]._oms_jeopardy_scan()
        self.assertEqual(delivered.order_line.oms_jeopardy_level, "none")
        self.assertEqual(cancelled.order_line.oms_jeopardy_level, "none")

    def test_line_without_matching_rule_is_cleared(self):
        order = self._late_order(10)
        self._scan(order)
        self.env["oms.rule"].search([("event", "=", "jeopardy_scan")]).active = False
        self._scan(order)
        self.assertEqual(order.order_line.oms_jeopardy_level, "none")

    def test_cron_scans_open_lines(self):
        order = self._late_order(5)
        self.env["sale.order.line"]._cron_oms_jeopardy_scan()
        self.assertEqual(order.order_line.oms_jeopardy_level, "medium")

    def test_scan_queries_do_not_grow_with_lines(self):
        # Escalations included: activities are created in one batch.
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer_in.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 1}
                        ),
                        Command.create(
                            {"product_id": self.product_b.id, "product_uom_qty": 1}
                        ),
                    ],
                }
                for _index in range(30)
            ]
        )
        orders.action_confirm()
        for index, order in enumerate(orders):
            self._reschedule(order, index)
        small, large = orders[25:], orders[:25]

        def count_queries(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._scan(batch)
            return self.cr.sql_log_count - before

        queries_small = count_queries(small)
        queries_large = count_queries(large)
        _logger.info(
            "Jeopardy scan: %s queries for 5 orders, %s for 25",
            queries_small,
            queries_large,
        )
        self.assertLessEqual(queries_large, queries_small + 5)
        self.assertEqual(len(large.activity_ids), 18)  # 7 days late or more
        self.assertEqual(
            set(large.order_line.mapped("oms_jeopardy_level")),
            {"none", "low", "medium", "high", "critical"},
        )

    # The scan log (oms.jeopardy.scan)

    def _run(self, orders):
        return self.env["oms.jeopardy.scan"]._run(lines=orders.order_line)

    def test_each_run_writes_a_scan_record(self):
        orders = self._late_order(2) | self._late_order(10)
        first = self._run(orders)
        self.assertRecordValues(
            first,
            [
                {
                    "company_id": self.company.id,
                    "scan_date": fields.Date.context_today(self.env.user),
                    "line_count": 2,
                    "changed_count": 2,
                    "failed_line_count": 0,
                    "state": "done",
                }
            ],
        )
        self.assertGreaterEqual(first.duration, 0.0)
        levels = orders.order_line.mapped("oms_jeopardy_level")
        self.assertEqual(levels, ["low", "high"])
        # A second run is a second record that changes nothing.
        second = self._run(orders)
        self.assertNotEqual(second, first)
        self.assertRecordValues(
            second, [{"line_count": 2, "changed_count": 0, "state": "done"}]
        )
        self.assertEqual(orders.order_line.mapped("oms_jeopardy_level"), levels)
        self.assertEqual(len(self._escalations(orders[1])), 1)
        # A recovered line is a change again.
        self._reschedule(orders[1], 0)
        self.assertEqual(self._run(orders).changed_count, 1)

    def test_cron_logs_its_run(self):
        order = self._late_order(5)
        Scan = self.env["oms.jeopardy.scan"]
        before = Scan.search([])
        Scan._cron_run()
        scan = Scan.search([("company_id", "=", self.company.id)]) - before
        self.assertEqual(len(scan), 1)
        self.assertEqual(scan.state, "done")
        self.assertGreaterEqual(scan.line_count, 1)
        self.assertEqual(order.order_line.oms_jeopardy_level, "medium")

    def test_failing_batch_is_logged_on_the_run(self):
        order = self._late_order(10)
        SaleOrderLine = type(self.env["sale.order.line"])

        def _fail(lines, today):
            raise UserError(lines.env._("Broken batch"))

        with (
            patch.object(SaleOrderLine, "_oms_jeopardy_scan_batch", _fail),
            self.assertLogs(
                "odoo.addons.oms_core.models.oms_jeopardy_scan", "ERROR"
            ) as logs,
        ):
            scan = self._run(order)
        self.assertIn(order.name, logs.output[0])
        self.assertRecordValues(
            scan, [{"line_count": 0, "failed_line_count": 1, "state": "error"}]
        )
        self.assertEqual(order.order_line.oms_jeopardy_level, "none")

    def test_one_run_per_company(self):
        other = self.env["res.company"].create({"name": "OMS Jeopardy Other"})
        here = self._late_order(10)
        there = self._create_order(partner=self.customer_in, company_id=other.id)
        there.action_confirm()
        scans = self._run(here | there)
        self.assertEqual(
            sorted(scans.mapped(lambda scan: (scan.company_id, scan.line_count))),
            sorted([(self.company, 1), (other, 1)]),
        )

    def test_scan_log_is_read_only_for_managers_of_its_company(self):
        scan = self._run(self._late_order(10))
        other = self.env["res.company"].create({"name": "OMS Jeopardy Other"})
        foreign = self.env["oms.jeopardy.scan"].create({"company_id": other.id})
        Scan = self.env["oms.jeopardy.scan"]
        visible = Scan.with_user(self.oms_manager).search([])
        self.assertIn(scan, visible)
        self.assertNotIn(foreign, visible)
        self.assertEqual(scan.with_user(self.oms_manager).line_count, 1)
        # Nobody but the scan writes the log, not even a manager.
        for user in (self.oms_manager, self.oms_user, self.salesman):
            with self.assertRaises(AccessError):
                scan.with_user(user).write({"line_count": 0, "state": "error"})
            with self.assertRaises(AccessError):
                Scan.with_user(user).create({"company_id": self.company.id})
            with self.assertRaises(AccessError):
                scan.with_user(user).unlink()
        self.assertRecordValues(scan, [{"line_count": 1, "state": "done"}])
        with self.assertRaises(AccessError):
            Scan.with_user(self.oms_user).search([])
