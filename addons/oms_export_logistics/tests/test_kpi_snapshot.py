# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import tagged

from .dd_common import DdCommon


@tagged("post_install", "-at_install")
class TestKpiSnapshotLogistics(DdCommon):
    """D&D charges caused by the company and on-time loading in the stored
    KPI trends, each on a hand-built set of January 2020 with a February
    item that stays out."""

    def _refresh(self):
        self.env["oms.kpi.snapshot"]._oms_refresh(
            date(2020, 1, 1), date(2020, 2, 29), companies=self.company
        )

    def _snapshot(self, metric, month=1):
        return self.env["oms.kpi.snapshot"].search(
            [
                ("company_id", "=", self.company.id),
                ("metric", "=", metric),
                ("period_type", "=", "month"),
                ("period_start", "=", date(2020, month, 1)),
            ]
        )

    def _storage_clocks(self, day, count):
        containers = self._create_containers(
            self._create_shipment("CIF"),
            count,
            empty_pickup_date=self._at(day),
            gate_in_date=self._at(date(day.year, day.month, day.day + 2)),
            loaded_date=self._at(date(day.year, day.month, day.day + 12)),
        )
        return containers.dd_clock_ids

    def test_dd_charges_caused_by_company(self):
        self._create_tariff("origin_storage", free_days=5)
        january = self._storage_clocks(date(2020, 1, 6), 3)
        february = self._storage_clocks(date(2020, 2, 3), 1)
        (january | february).cause = "customer"
        storage = january.filtered(lambda c: c.clock_type == "origin_storage")
        storage[:2].cause = "company"
        february.filtered(lambda c: c.clock_type == "origin_storage").cause = "company"
        self.assertTrue(all(storage.mapped("amount_company")))
        self._refresh()
        row = self._snapshot("dd_company_amount")
        self.assertAlmostEqual(row.value, sum(storage[:2].mapped("amount_company")))
        self.assertEqual(
            row.value,
            self.env["oms.dd.clock"]._dd_get_kpi([("id", "in", january.ids)])[
                "company_caused"
            ],
        )
        self.assertEqual(row.order_count, 2)
        self.assertEqual(row.unit, "amount")
        self.assertEqual(row.currency_id, self.company.currency_id)
        self.assertTrue(row.enough_data)  # an amount, not a rate
        clocks = self.env["oms.dd.clock"].search(row.action_view_orders()["domain"])
        self.assertEqual(clocks, storage[:2])
        self.assertEqual(self._snapshot("dd_company_amount", month=2).order_count, 1)

    def test_on_time_loading_rate(self):
        Shipment = self.env["oms.export.shipment"]
        planned = datetime(2020, 1, 15, 9, 0)
        loaded = Shipment
        # Four of the five shipments loaded in January were on time.
        for actual in (
            datetime(2020, 1, 14, 11, 0),
            datetime(2020, 1, 15, 8, 0),
            datetime(2020, 1, 15, 14, 0),
            datetime(2020, 1, 15, 15, 0),
            datetime(2020, 1, 17, 10, 0),
        ):
            loaded |= self._create_shipment()
            loaded[-1:].write({"loading_planned": planned, "loading_actual": actual})
        late_feb = self._create_shipment()
        late_feb.write(
            {"loading_planned": planned, "loading_actual": datetime(2020, 2, 3, 10)}
        )
        waiting = self._create_shipment()
        waiting.loading_planned = planned  # not loaded: not judged
        self._refresh()
        row = self._snapshot("on_time_loading_rate")
        self.assertAlmostEqual(row.value, 80.0)
        self.assertEqual(row.order_count, 5)
        self.assertTrue(row.enough_data)
        shipments = Shipment.search(row.action_view_orders()["domain"])
        self.assertEqual(shipments, loaded)
        february = self._snapshot("on_time_loading_rate", month=2)
        self.assertEqual(february.value, 0.0)
        self.assertFalse(february.enough_data)  # one shipment: not enough data
