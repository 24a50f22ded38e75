# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .dd_common import DdCommon


@tagged("post_install", "-at_install")
class TestDdScan(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Origin storage: the seller's clock under CIF (default matrix).
        cls.tariff = cls._create_tariff("origin_storage", free_days=5)
        cls.today = fields.Date.context_today(cls.env["oms.dd.clock"])

    def _containers(self, count, gate_in_days_ago, loaded_days_ago=None):
        shipment = self._create_shipment()
        gate_in = self.today - timedelta(gate_in_days_ago)
        vals = {
            "empty_pickup_date": self._at(gate_in - timedelta(2)),
            "gate_in_date": self._at(gate_in),
        }
        if loaded_days_ago is not None:
            vals["loaded_date"] = self._at(self.today - timedelta(loaded_days_ago))
        return self._create_containers(shipment, count, **vals)

    def _activities(self, shipment):
        return self.env["mail.activity"].search(
            [("res_model", "=", "oms.export.shipment"), ("res_id", "=", shipment.id)]
        )

    def test_warning_once_per_threshold(self):
        # Gate-in 2 days ago, 5 free days: last free day in 2 days (<= 3).
        box = self._containers(1, 2)
        clock = self._clock(box, "origin_storage")
        Clock = self.env["oms.dd.clock"]
        Clock._dd_scan(today=self.today)
        self.assertEqual(clock.last_free_day, self.today + timedelta(2))
        activities = self._activities(box.shipment_id)
        self.assertEqual(len(activities), 1)
        self.assertIn(box.name, activities.summary)
        self.assertEqual(activities.date_deadline, clock.last_free_day)
        Clock._dd_scan(today=self.today)
        self.assertEqual(len(self._activities(box.shipment_id)), 1)
        # One day before the last free day: the second threshold.
        Clock._dd_scan(today=self.today + timedelta(1))
        self.assertEqual(len(self._activities(box.shipment_id)), 2)
        Clock._dd_scan(today=self.today + timedelta(1))
        self.assertEqual(len(self._activities(box.shipment_id)), 2)
        self.assertEqual(clock.warned_threshold, 1)

    def test_warning_two_thresholds_one_shipment(self):
        shipment = self._create_shipment()
        boxes = self.env["oms.export.container"]
        for days_ago in (2, 4):  # last free day in 2 days, and today
            gate_in = self.today - timedelta(days_ago)
            boxes |= self._create_containers(
                shipment,
                name=f"TSTW{days_ago:07d}",
                empty_pickup_date=self._at(gate_in - timedelta(1)),
                gate_in_date=self._at(gate_in),
            )
        self.env["oms.dd.clock"]._dd_scan(clocks=boxes.dd_clock_ids, today=self.today)
        activities = self._activities(shipment)
        self.assertEqual(len(activities), 1)
        self.assertIn(boxes[0].name, activities.summary)
        self.assertIn(boxes[1].name, activities.summary)
        warned = boxes.dd_clock_ids.filtered(lambda c: c.clock_type == "origin_storage")
        self.assertEqual(sorted(warned.mapped("warned_threshold")), [1, 3])

    def test_stopped_clocks_settle(self):
        box = self._containers(1, 12, loaded_days_ago=2)
        clock = self._clock(box, "origin_storage")
        Clock = self.env["oms.dd.clock"]
        self.assertGreaterEqual(Clock._dd_scan(today=self.today), 2)
        # Gate-in 12 days ago, loaded 2 days ago: 11 days, 5 free.
        self.assertEqual(clock.chargeable_days, 6)
        self.assertEqual(clock.amount, 800.0)
        self.assertTrue(clock.dd_done)
        self.assertEqual(Clock._dd_scan(clocks=clock, today=self.today), 0)
        # A corrected event reopens it.
        box.loaded_date = self._at(self.today - timedelta(1))
        self.assertFalse(clock.dd_done)
        self.assertEqual(clock.amount, 1000.0)

    def _scan_queries(self, count):
        clocks = self._containers(count, 12).dd_clock_ids
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        scanned = self.env["oms.dd.clock"]._dd_scan(clocks=clocks, today=self.today)
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(scanned, 2 * count)  # origin detention and storage
        charged = clocks.filtered(lambda c: c.clock_type == "origin_storage")
        # Gate-in 12 days ago, still at the terminal: 8 chargeable days.
        self.assertEqual(set(charged.mapped("amount")), {1200.0})
        self.assertEqual(set(charged.mapped("accrued_amount")), {1200.0})
        return queries

    def test_scan_queries_do_not_grow(self):
        self._scan_queries(2)  # warm-up: caches of Odoo's first posting
        small = self._scan_queries(10)
        large = self._scan_queries(50)
        self.assertLessEqual(large, small + 2, f"10: {small}, 50: {large} queries")

    def test_failed_batch_to_fallout_and_retry(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_de.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        failing = self._containers(1, 12)
        failing.shipment_id.sale_order_ids = order
        other = self._containers(1, 12)
        Clock = self.env["oms.dd.clock"]
        Scan = self.env["oms.dd.scan"]
        clocks = (failing | other).dd_clock_ids
        real_warn = type(Scan)._warn

        def warn(scan, records, today):
            if records & failing.dd_clock_ids:
                raise ValueError("Mail server down")
            return real_warn(scan, records, today)

        with (
            patch.object(type(Scan), "_warn", warn),
            mute_logger("odoo.addons.oms_export_logistics.models.oms_dd_scan"),
        ):
            scanned = Clock._dd_scan(clocks=clocks, batch_size=2, today=self.today)
        self.assertEqual(scanned, 2)  # the other container's two clocks
        self.assertEqual(self._clock(other, "origin_storage").amount, 1200.0)
        self.assertFalse(self._clock(failing, "origin_storage").accrued_amount)
        fallout = self.env["oms.fallout"].search(
            [("order_id", "=", order.id), ("step", "=", "dd_scan")]
        )
        self.assertEqual(fallout.state, "open")
        scan = self.env["oms.dd.scan"].search([], limit=1)
        self.assertEqual(scan.state, "error", "The run's log shows the failure.")
        self.assertEqual((scan.clock_count, scan.failed_clock_count), (2, 2))
        self.assertIn("Mail server down", fallout.error)
        fallout.action_retry()
        self.assertEqual(fallout.state, "resolved")
        self.assertEqual(self._clock(failing, "origin_storage").accrued_amount, 1200.0)

    def test_scan_run_is_logged(self):
        box = self._containers(1, 12)
        Scan = self.env["oms.dd.scan"]
        before = Scan.search([])
        scanned = self.env["oms.dd.clock"]._dd_scan(
            clocks=box.dd_clock_ids, today=self.today
        )
        scan = Scan.search([]) - before
        self.assertEqual(len(scan), 1, "One run per company.")
        self.assertEqual(scan.company_id, box.company_id)
        self.assertEqual(scan.scan_date, self.today)
        self.assertEqual(scan.state, "done")
        self.assertEqual(scan.clock_count, scanned)
        self.assertEqual(scan.accrual_count, 1)
        self.assertEqual(scan.failed_clock_count, 0)
        # Scanned again the same day: nothing new to accrue.
        self.env["oms.dd.clock"]._dd_scan(clocks=box.dd_clock_ids, today=self.today)
        self.assertEqual((Scan.search([]) - before - scan).accrual_count, 0)

    def test_scan_log_is_for_managers(self):
        box = self._containers(1, 12)
        self.env["oms.dd.clock"]._dd_scan(clocks=box.dd_clock_ids, today=self.today)
        scan = self.env["oms.dd.scan"].search([], limit=1)
        self.assertEqual(scan.company_id, self.company)
        self.assertTrue(scan.with_user(self.oms_manager).read(["clock_count"]))
        with self.assertRaises(AccessError):
            scan.with_user(self.oms_user).read(["clock_count"])
        with self.assertRaises(AccessError):
            scan.with_user(self.oms_manager).write({"clock_count": 0})
        with self.assertRaises(AccessError):
            scan.with_user(self.oms_manager).unlink()
        self.assertTrue(scan.exists())
