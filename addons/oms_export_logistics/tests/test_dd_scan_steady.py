# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .dd_common import DdCommon


@tagged("post_install", "-at_install")
class TestDdScanSteady(DdCommon):
    """A second scan the same day re-examines only the clocks that changed:
    with nothing changed, its cost does not depend on the number of clocks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff("origin_storage", free_days=5)
        cls.today = fields.Date.context_today(cls.env["oms.dd.clock"])

    def _scanned_clocks(self, count):
        """Clocks of ``count`` containers at the terminal for 12 days, after
        the day's first scan."""
        gate_in = self.today - timedelta(12)
        containers = self._create_containers(
            self._create_shipment(),
            count,
            empty_pickup_date=self._at(gate_in - timedelta(2)),
            gate_in_date=self._at(gate_in),
        )
        clocks = containers.dd_clock_ids
        scanned = self.env["oms.dd.clock"]._dd_scan(clocks=clocks, today=self.today)
        self.assertEqual(scanned, 2 * count)
        self.env.flush_all()
        self.env.invalidate_all()
        return clocks

    def _rescan(self, clocks):
        return self.env["oms.dd.clock"]._dd_scan(clocks=clocks, today=self.today)

    def test_second_scan_constant_queries(self):
        self._rescan(self._scanned_clocks(2))  # warm-up
        small = self._scanned_clocks(5)
        before = self.env.cr.sql_log_count
        self.assertEqual(self._rescan(small), 0)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - before
        large = self._scanned_clocks(40)
        with self.assertQueryCount(queries):
            self.assertEqual(self._rescan(large), 0)

    def test_changed_clock_scanned_again(self):
        clocks = self._scanned_clocks(3)
        storage = clocks.filtered(lambda c: c.clock_type == "origin_storage")
        self.assertEqual(set(storage.mapped("amount")), {1200.0})
        # One container loaded 2 days ago: its storage clock stops, and only
        # it is re-examined (two chargeable days fewer).
        container = storage[0].container_id
        container.loaded_date = self._at(self.today - timedelta(2))
        self.assertEqual(self._rescan(clocks), 1)
        self.assertFalse(storage[0].running)
        self.assertLess(storage[0].amount, 1200.0)
        self.assertEqual(set(storage[1:].mapped("amount")), {1200.0})
        # The next day every running clock is looked at again.
        tomorrow = self.today + timedelta(1)
        rescanned = self.env["oms.dd.clock"]._dd_scan(clocks=clocks, today=tomorrow)
        self.assertGreaterEqual(rescanned, len(storage) - 1)

    def test_next_scan_is_guarded(self):
        clock = self._scanned_clocks(1)[:1]
        user = self.env.ref("base.user_admin")
        with self.assertRaises(UserError):
            clock.with_user(user).write({"dd_next_scan": self.today + timedelta(30)})
        self.assertEqual(clock.dd_next_scan, self.today + timedelta(1))
