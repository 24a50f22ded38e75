# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKpiPivot(TransactionCase):
    """The KPI pivot and graph show a figure only for one series (metric,
    dimension, period type): no total averages days with % or amounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "KPI Pivot Co"})
        cls.Snapshot = cls.env["oms.kpi.snapshot"]
        cls.domain = [("company_id", "=", cls.company.id)]
        rows = [
            ("otif_rate", False, "percent", date(2026, 9, 1), 90.0),
            ("otif_rate", False, "percent", date(2026, 10, 1), 80.0),
            ("dso", False, "days", date(2026, 9, 1), 40.0),
            ("dso", False, "days", date(2026, 10, 1), 50.0),
            ("fallout_rate", "credit", "percent", date(2026, 10, 1), 10.0),
            ("fallout_rate", "address", "percent", date(2026, 10, 1), 2.0),
        ]
        cls.Snapshot.create(
            [
                {
                    "metric": metric,
                    "dimension": dimension,
                    "unit": unit,
                    "company_id": cls.company.id,
                    "period_type": "month",
                    "period_start": start,
                    "period_end": start.replace(day=28),
                    "value": value,
                    "order_count": 10,
                }
                for metric, dimension, unit, start, value in rows
            ]
        )

    def _pivot(self, groupby, lazy=False):
        # As the pivot asks: eager, the measure with its aggregator.
        return self.Snapshot.read_group(
            self.domain, ["value:avg", "order_count:sum"], groupby, lazy=lazy
        )

    def test_grand_total_over_metrics_is_empty(self):
        (total,) = self._pivot([])
        self.assertIs(total["value"], False)
        self.assertIs(total["order_count"], False)
        self.assertEqual(total["__count"], 6)

    def test_metric_rows_and_their_period_average(self):
        rows = {row["metric"]: row for row in self._pivot(["metric"])}
        self.assertAlmostEqual(rows["otif_rate"]["value"], 85.0)
        self.assertAlmostEqual(rows["dso"]["value"], 45.0)
        self.assertEqual(rows["dso"]["order_count"], 20)
        # Two steps of the fallout rate are not averaged together...
        self.assertIs(rows["fallout_rate"]["value"], False)
        # ...each step's own figure shows.
        steps = {
            row["dimension"]: row["value"]
            for row in self._pivot(["metric", "dimension"])
            if row["metric"] == "fallout_rate"
        }
        self.assertEqual(steps, {"credit": 10.0, "address": 2.0})

    def test_month_columns_over_metrics_are_empty(self):
        for row in self._pivot(["period_start:month"]):
            self.assertIs(row["value"], False)
        cells = self._pivot(["metric", "dimension", "period_start:month"])
        self.assertTrue(all(cell["value"] is not False for cell in cells))

    def test_one_metric_filtered_keeps_its_totals(self):
        (total,) = self.Snapshot.read_group(
            self.domain + [("metric", "=", "dso")], ["value:avg"], []
        )
        self.assertAlmostEqual(total["value"], 45.0)

    def test_graph_points_are_one_series_each(self):
        groups = self.Snapshot.web_read_group(
            self.domain,
            ["__count", "value:avg"],
            ["period_start:month", "metric", "dimension"],
            lazy=False,
        )["groups"]
        self.assertEqual(len(groups), 6)
        self.assertTrue(all(group["value"] is not False for group in groups))
