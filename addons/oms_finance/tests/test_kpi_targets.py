# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from . import test_kpi


@tagged("post_install", "-at_install")
class TestKpiTargets(test_kpi.TestKpi):
    """Stored KPI snapshots, targets and breaches on the six orders of
    January 2020 of ``TestKpi`` (whose own tests run again here)."""

    def _refresh(self):
        self.env["oms.kpi.snapshot"]._oms_refresh(
            date(2020, 1, 1), date(2020, 1, 31), companies=self.company
        )

    def _snapshots(self, **kw):
        domain = [
            ("company_id", "=", self.company.id),
            ("period_type", "=", kw.pop("period_type", "month")),
            ("period_start", "=", kw.pop("period_start", date(2020, 1, 1))),
        ]
        return self.env["oms.kpi.snapshot"].search(
            domain + [(key, "=", value) for key, value in kw.items()]
        )

    def _value(self, metric, dimension=False):
        row = self._snapshots(metric=metric, dimension=dimension)
        self.assertEqual(len(row), 1, f"one {metric} {dimension} row")
        return row.value

    def _prepare_dataset(self):
        res = super()._prepare_dataset()
        orders = self.orders
        # F is invoiced by an invoice policy (straight through), A was
        # invoiced by hand (a manual touch).
        policy = self.env["oms.invoice.policy"].create(
            {
                "name": "KPI test",
                "trigger": "manual",
                "journal_id": self.sale_journal.id,
            }
        )
        policy._oms_job_invoice_orders(orders["F"])
        # B is open and in high jeopardy.
        orders["B"].order_line.oms_jeopardy_level = "high"
        # F's stage history, back-dated by hand: released 4 h, paid 48 h
        # after the order.
        history = self.env["oms.stage.history"].sudo()
        history.create(
            {
                "order_id": orders["F"].id,
                "stage": "released",
                "date_start": datetime(2020, 1, 15, 10, 0),
                "date_end": datetime(2020, 1, 15, 14, 0),
            }
        )
        history.create(
            {
                "order_id": orders["F"].id,
                "stage": "paid",
                "date_start": datetime(2020, 1, 17, 10, 0),
                "date_end": datetime(2020, 1, 17, 11, 0),
            }
        )
        self.env.flush_all()
        return res

    def test_snapshot_formulas(self):
        self._prepare_dataset()
        self._refresh()
        self.assertEqual(self._value("order_count"), 6)
        self.assertAlmostEqual(self._value("otif_rate"), 200 / 6, places=2)
        self.assertAlmostEqual(self._value("perfect_order_rate"), 100 / 6, places=2)
        self.assertAlmostEqual(self._value("right_first_time_rate"), 500 / 6, places=2)
        self.assertAlmostEqual(self._value("accuracy_rate"), 50.0, places=2)
        self.assertAlmostEqual(self._value("cancel_rate"), 100 / 6, places=2)
        self.assertAlmostEqual(self._value("return_rate"), 100 / 6, places=2)
        self.assertAlmostEqual(self._value("deduction_rate"), 100 / 6, places=2)
        self.assertEqual(self._value("unclean_orders"), 1)  # B's fallout
        # Of the invoiced orders (A by hand, F by the policy) F went straight.
        self.assertAlmostEqual(self._value("stp_rate"), 50.0, places=2)
        self.assertAlmostEqual(
            self._value("fallout_rate", "Procurement"), 100 / 6, places=2
        )
        self.assertEqual(self._value("jeopardy_orders", "High"), 1)
        self.assertAlmostEqual(self._value("cycle_time", "Released"), 4.0, places=2)
        kpi_f = self.env["oms.kpi.order"].search(
            [("order_id", "=", self.orders["F"].id)]
        )
        self.assertAlmostEqual(kpi_f.hours_to_cash, 48.0)
        self.assertEqual(self._value("cost_per_order"), 12.5)
        cost = self._snapshots(metric="cost_per_order")
        self.assertEqual(cost.currency_id, self.company.currency_id)
        self.assertGreaterEqual(self._value("dso"), 0.0)
        # Weekly rows too (the week of 15 January 2020, however it starts).
        week = self.env["oms.kpi.snapshot"]._oms_period_start("week", date(2020, 1, 15))
        self.assertIn(week, (date(2020, 1, 12), date(2020, 1, 13)))
        weekly = self._snapshots(
            period_type="week", period_start=week, metric="order_count"
        )
        self.assertEqual(weekly.value, 6)
        # Refreshing again changes nothing and duplicates nothing.
        count = self.env["oms.kpi.snapshot"].search_count([])
        self._refresh()
        self.assertEqual(self.env["oms.kpi.snapshot"].search_count([]), count)

    def test_drill_down_to_orders(self):
        self._prepare_dataset()
        self._refresh()
        action = self._snapshots(metric="return_rate").action_view_orders()
        self.assertEqual(action["res_model"], "oms.kpi.order")
        rows = self.env["oms.kpi.order"].search(action["domain"])
        self.assertEqual(rows.order_id, self.orders["D"])
        action = self._snapshots(metric="order_count").action_view_orders()
        rows = self.env["oms.kpi.order"].search(action["domain"])
        self.assertEqual(len(rows), 6)

    def _target(self, **vals):
        return self.env["oms.kpi.target"].create(
            {
                "metric": "otif_rate",
                "company_id": self.company.id,
                "period_type": "month",
                "green_threshold": 90.0,
                "red_threshold": 80.0,
                "user_id": self.oms_manager.id,
                **vals,
            }
        )

    def test_breach_alerted_once(self):
        self._prepare_dataset()
        self._refresh()
        target = self._target()
        ok = self._target(metric="cancel_rate", green_threshold=20, red_threshold=30)
        channel = self.env.ref("oms_finance.oms_kpi_channel")
        messages_before = len(channel.message_ids)
        Target = self.env["oms.kpi.target"]
        for _run in range(2):  # the daily job runs twice: one alert
            Target._oms_check_targets(today=date(2020, 1, 20))
        breaches = self.env["oms.kpi.breach"].search(
            [("target_id", "in", (target | ok).ids)]
        )
        self.assertEqual(len(breaches), 1)
        self.assertEqual(breaches.target_id, target)
        self.assertEqual(breaches.period_start, date(2020, 1, 1))
        self.assertAlmostEqual(breaches.value, 200 / 6, places=2)
        self.assertEqual(len(target.activity_ids), 1)
        self.assertEqual(target.activity_ids.user_id, self.oms_manager)
        self.assertFalse(ok.activity_ids)
        self.assertEqual(len(channel.message_ids) - messages_before, 1)
        self.assertIn("OTIF", channel.message_ids[0].body)
        self.assertEqual(self._snapshots(metric="otif_rate").status, "red")
        self.assertEqual(self._snapshots(metric="cancel_rate").status, "green")
        amber = self._target(metric="return_rate", green_threshold=10, red_threshold=20)
        Target._oms_check_targets(today=date(2020, 1, 20))
        self.assertEqual(self._snapshots(metric="return_rate").status, "amber")
        self.assertFalse(amber.breach_ids)

    def test_small_sample_is_not_enough_data(self):
        """A rate over fewer orders than the minimum sample (5 by default)
        is not enough data and never a breach."""
        self._prepare_dataset()
        self._refresh()
        stp = self._snapshots(metric="stp_rate")
        self.assertEqual(stp.order_count, 2)  # judged: A and F, invoiced
        self.assertFalse(stp.enough_data)
        otif = self._snapshots(metric="otif_rate")
        self.assertEqual(otif.order_count, 6)
        self.assertTrue(otif.enough_data)
        # A count is a figure whatever the number of orders.
        self.assertTrue(self._snapshots(metric="unclean_orders").enough_data)
        target = self._target(metric="stp_rate", green_threshold=90, red_threshold=80)
        Target = self.env["oms.kpi.target"]
        Target._oms_check_targets(today=date(2020, 1, 20))
        self.assertFalse(target.breach_ids)
        self.assertFalse(target.activity_ids)
        self.assertEqual(stp.status, "no_data")
        # Neither an OMS manager's RPC write nor a settings record of theirs
        # makes the figure count: snapshots and settings are not theirs.
        with self.assertRaises(AccessError):
            stp.with_user(self.oms_manager).write({"enough_data": True})
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.oms_manager).create(
                {"oms_kpi_min_sample": 1}
            ).execute()
        self.assertFalse(stp.enough_data)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "oms_finance.kpi_min_sample", "5"
            ),
            "5",
        )
        # An administrator lowers the minimum sample in the settings: 50% is
        # red.
        self.env["res.config.settings"].with_user(self.env.user).create(
            {"oms_kpi_min_sample": 2}
        ).execute()
        self._refresh()
        self.assertTrue(stp.enough_data)
        Target._oms_check_targets(today=date(2020, 1, 20))
        Target._oms_check_targets(today=date(2020, 1, 20))
        self.assertEqual(len(target.breach_ids), 1)
        self.assertEqual(stp.status, "red")

    def test_dashboard_is_graph_and_pivot_over_snapshots(self):
        self._prepare_dataset()
        self._refresh()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_kpi_dashboard_action"
        )
        self.assertEqual(action["res_model"], "oms.kpi.snapshot")
        self.assertEqual(action["view_mode"].split(",")[:2], ["pivot", "graph"])
        menu = self.env.ref("oms_finance.oms_menu_kpi_dashboard")
        self.assertEqual(menu.action.id, action["id"])
        # Trends by week and month, as the pivot and graph group them.
        Snapshot = self.env["oms.kpi.snapshot"]
        for granularity in ("week", "month"):
            groups = Snapshot._read_group(
                [("metric", "=", "order_count"), ("company_id", "=", self.company.id)],
                [f"period_start:{granularity}"],
                ["value:sum"],
            )
            self.assertTrue(groups)
        # The orders behind a figure of the dashboard.
        row = self._snapshots(metric="cancel_rate")
        orders = self.env["oms.kpi.order"].search(row.action_view_orders()["domain"])
        self.assertEqual(orders.order_id, self.orders["C"])

    def test_target_thresholds_and_rights(self):
        with self.assertRaises(ValidationError):
            self._target(green_threshold=80.0, red_threshold=90.0)
        target = self._target()
        # An OMS user reads targets but may not move them, by any route.
        with self.assertRaises(AccessError):
            target.with_user(self.oms_user).write({"red_threshold": 0.0})
        with self.assertRaises(AccessError):
            self.env["oms.kpi.target"].with_user(self.oms_user).create(
                {"metric": "dso", "green_threshold": 30, "red_threshold": 60}
            )
        with self.assertRaises(AccessError):
            self.env["oms.kpi.snapshot"].with_user(self.oms_manager).create(
                {
                    "metric": "dso",
                    "company_id": self.company.id,
                    "period_type": "month",
                    "period_start": date(2020, 1, 1),
                    "period_end": date(2020, 1, 31),
                    "unit": "days",
                }
            )
        self.assertEqual(target.red_threshold, 80.0)
        target.with_user(self.oms_manager).write({"red_threshold": 70.0})
        self.assertEqual(target.red_threshold, 70.0)
        # Another company's targets stay out of sight.
        other = self.env["res.company"].create({"name": "OMS Other Co"})
        self._target(company_id=other.id, user_id=self.env.user.id)
        visible = self.env["oms.kpi.target"].with_user(self.oms_manager).search([])
        self.assertEqual(visible, target)

    def test_dso_count_back_never_negative(self):
        Dso = self.env["oms.kpi.dso"]
        sales = {date(2020, 1, 10): 100.0, date(2019, 12, 10): 100.0}
        # 150 open at 31 January: the month back from it (31 days, 100 of
        # sales) is covered in full, the month before (31 days) half.
        days = Dso._oms_count_back(150.0, sales, date(2020, 1, 31))
        self.assertAlmostEqual(days, 31 + 0.5 * 31)
        self.assertAlmostEqual(
            Dso._oms_count_back(50.0, sales, date(2020, 1, 31)), 15.5
        )
        self.assertEqual(Dso._oms_count_back(-500.0, sales, date(2020, 1, 31)), 0.0)
        # A customer's advance without any invoice: credit balance, DSO 0.
        self._create_statement_line(5000.0, "Advance", partner=self.customer_de)
        payment = self._create_payment(self.customer_de, 5000.0, "Advance")
        self.assertTrue(payment)
        dashboard = self._dashboard()
        self.assertGreaterEqual(dashboard.dso, 0.0)
        values = Dso._oms_dso(self.company, [self.today])
        self.assertGreaterEqual(values[(self.company, self.today)], 0.0)

    def test_refresh_queries_flat_in_orders(self):
        self._prepare_dataset()
        Snapshot = self.env["oms.kpi.snapshot"]
        periods = Snapshot._oms_periods("month", date(2020, 1, 1), date(2020, 1, 31))

        def compute():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Snapshot._oms_compute(self.company, "month", periods)
            return self.cr.sql_log_count - before

        few = compute()
        for _i in range(5):
            order = self._create_order(lines=[(self.product, 2)])
            order.action_confirm()
            self._deliver(order)
            self.env["oms.fallout"]._report(order, "procurement", "No vendor")
            order.date_order = datetime(2020, 1, 20, 10, 0)
        self.env.flush_all()
        self.assertEqual(compute(), few)
