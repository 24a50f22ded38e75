# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .dd_common import THURSDAY, DdCommon


@tagged("post_install", "-at_install")
class TestDdClock(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff()  # 5 free days, 100 x 4, then 200
        cls.shipment = cls._create_shipment()
        cls.container = cls._create_containers(cls.shipment)

    def _discharge(self, start, stop=None):
        self.container.write(
            {
                "empty_pickup_date": self._at(start - timedelta(20)),
                "gate_in_date": self._at(start - timedelta(18)),
                "loaded_date": self._at(start - timedelta(15)),
                "discharge_date": self._at(start),
                "gate_out_date": stop and self._at(stop),
            }
        )
        return self._clock(self.container)

    def test_clock_dates_follow_events(self):
        clock = self._discharge(THURSDAY)
        self.assertEqual(clock.start_datetime, self._at(THURSDAY))
        self.assertTrue(clock.running)
        self.assertTrue(self._clock(self.container, "origin_storage").end_datetime)
        self.assertFalse(
            self._clock(self.container, "destination_detention").start_datetime
        )

    def test_amount_at_tier_edges(self):
        # Free Thu..Mon; gate-out Friday 13: 4 chargeable days, all tier 1.
        clock = self._discharge(THURSDAY, THURSDAY + timedelta(8))
        self.assertEqual(clock.last_free_day, THURSDAY + timedelta(4))
        self.assertEqual(clock.chargeable_days, 4)
        self.assertEqual(clock.amount, 400.0)
        self.assertEqual(clock.projected_amount, 400.0)
        # One day later: the first day of tier 2.
        self.container.gate_out_date = self._at(THURSDAY + timedelta(9))
        self.assertEqual(clock.chargeable_days, 5)
        self.assertEqual(clock.amount, 600.0)
        # Out on the last free day: nothing.
        self.container.gate_out_date = self._at(THURSDAY + timedelta(4))
        self.assertEqual(clock.chargeable_days, 0)
        self.assertEqual(clock.amount, 0.0)

    def test_working_days_weekend_and_holiday(self):
        self.tariff.write(
            {
                "day_basis": "working",
                "resource_calendar_id": self.calendar.id,
                "free_days": 3,
            }
        )
        clock = self._discharge(THURSDAY, THURSDAY + timedelta(8))
        clock.tariff_id = self.tariff
        clock.free_days = 3
        clock._dd_refresh()
        # Thu, Fri, (weekend), Mon.
        monday = THURSDAY + timedelta(4)
        self.assertEqual(clock.last_free_day, monday)
        self.assertEqual(clock.chargeable_days, 4)
        # Monday is a public holiday: free time ends on Tuesday.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.calendar.id,
                "date_from": self._at(monday, 0),
                "date_to": self._at(monday, 23),
            }
        )
        clock._dd_refresh()
        self.assertEqual(clock.last_free_day, monday + timedelta(1))
        self.assertEqual(clock.chargeable_days, 3)
        self.assertEqual(clock.amount, 300.0)

    def test_running_clock_projection(self):
        today = fields.Date.context_today(self.env["oms.dd.clock"])
        clock = self._discharge(today - timedelta(10))
        clock._dd_refresh(today)
        # Started 10 days ago, 5 free: 6 chargeable days so far.
        self.assertTrue(clock.running)
        self.assertEqual(clock.chargeable_days, 6)
        self.assertEqual(clock.amount, 400.0 + 2 * 200.0)
        # Projected 7 days ahead (company setting): 13 days.
        self.assertEqual(clock.projected_amount, 400.0 + 9 * 200.0)
        # To the planned gate-out instead.
        clock.planned_end_date = today + timedelta(2)
        clock._dd_refresh(today)
        self.assertEqual(clock.projected_amount, 400.0 + 4 * 200.0)

    def test_who_pays_by_incoterm(self):
        self._incoterm_rule(
            "EXW", loading_origin_by="buyer", origin_terminal_by="buyer"
        )
        self._incoterm_rule(
            "CIF",
            loading_origin_by="seller",
            origin_terminal_by="seller",
            destination_terminal_by="buyer",
            unloading_by="buyer",
        )
        self._incoterm_rule(
            "DDP",
            loading_origin_by="seller",
            origin_terminal_by="seller",
            destination_terminal_by="seller",
            unloading_by="buyer",
        )
        payers = {}
        for code in ("EXW", "CIF", "DDP"):
            box = self._create_containers(self._create_shipment(code))
            payers[code] = {c.clock_type: (c.payer, c.cause) for c in box.dd_clock_ids}
        self.assertEqual(payers["EXW"]["origin_detention"], ("buyer", "customer"))
        self.assertEqual(payers["EXW"]["origin_storage"], ("buyer", "customer"))
        self.assertEqual(payers["CIF"]["origin_detention"], ("seller", "company"))
        self.assertEqual(payers["CIF"]["origin_storage"], ("seller", "company"))
        self.assertEqual(payers["CIF"]["destination_demurrage"], ("buyer", "customer"))
        self.assertEqual(payers["DDP"]["destination_demurrage"], ("seller", "company"))
        self.assertEqual(payers["DDP"]["destination_detention"], ("buyer", "customer"))
