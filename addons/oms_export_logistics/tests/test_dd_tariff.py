# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..tools import dd_tariff_math as dd
from .dd_common import THURSDAY, DdCommon

TIERS = [(1, 4, 100.0), (5, 0, 200.0)]


def weekdays(day):
    return day.weekday() < 5


@tagged("post_install", "-at_install")
class TestDdTariffMath(DdCommon):
    def test_tier_boundaries(self):
        self.assertEqual(dd.tier_amount(0, TIERS), 0.0)
        self.assertEqual(dd.tier_amount(1, TIERS), 100.0)
        # Last day of the first tier, first day of the second.
        self.assertEqual(dd.tier_amount(4, TIERS), 400.0)
        self.assertEqual(dd.tier_amount(5, TIERS), 600.0)
        self.assertEqual(dd.tier_amount(10, TIERS), 400.0 + 6 * 200.0)
        three = [(1, 2, 10.0), (3, 5, 20.0), (6, 0, 50.0)]
        self.assertEqual(dd.tier_amount(5, three), 20.0 + 60.0)
        self.assertEqual(dd.tier_amount(6, three), 20.0 + 60.0 + 50.0)

    def test_free_time_calendar_days(self):
        # Thursday + 5 calendar days: Thu, Fri, Sat, Sun, Mon.
        self.assertEqual(dd.last_free_day(THURSDAY, 5), THURSDAY + timedelta(4))
        self.assertEqual(dd.last_free_day(THURSDAY, 0), THURSDAY - timedelta(1))
        last = dd.last_free_day(THURSDAY, 5)
        self.assertEqual(dd.chargeable_days(last, last), 0)
        self.assertEqual(dd.chargeable_days(last, last + timedelta(1)), 1)
        self.assertEqual(dd.chargeable_days(last, None), 0)

    def test_free_time_working_days_weekend(self):
        # Two working days from Thursday end on Friday; a third would end on
        # Saturday under calendar days and moves to Monday.
        friday, monday = THURSDAY + timedelta(1), THURSDAY + timedelta(4)
        self.assertEqual(dd.last_free_day(THURSDAY, 2, weekdays), friday)
        self.assertEqual(dd.last_free_day(THURSDAY, 3, weekdays), monday)

    def test_free_time_working_days_holiday(self):
        monday = THURSDAY + timedelta(4)

        def working(day):
            return weekdays(day) and day != monday

        self.assertEqual(dd.last_free_day(THURSDAY, 3, working), monday + timedelta(1))

    def test_check_tiers(self):
        self.assertEqual(dd.check_tiers(TIERS), [])
        self.assertTrue(dd.check_tiers([(1, 4, 1.0), (4, 0, 2.0)]))  # overlap
        self.assertTrue(dd.check_tiers([(1, 4, 1.0), (6, 0, 2.0)]))  # gap
        self.assertTrue(dd.check_tiers([(2, 0, 1.0)]))  # not from day 1
        self.assertTrue(dd.check_tiers([(1, 0, 1.0), (5, 0, 2.0)]))  # two open
        self.assertTrue(dd.check_tiers([(1, 4, 1.0)]))  # last one closed


@tagged("post_install", "-at_install")
class TestDdTariff(DdCommon):
    def test_overlapping_tiers_refused(self):
        with self.assertRaises(ValidationError) as error:
            self._create_tariff(name="Overlap", tiers=[(1, 5, 10.0), (5, 0, 20.0)])
        self.assertIn("overlap", str(error.exception))
        self.assertFalse(self.env["oms.dd.tariff"].search([("name", "=", "Overlap")]))

    def test_gapped_tiers_refused_on_write(self):
        tariff = self._create_tariff()
        with self.assertRaises(ValidationError) as error:
            tariff.write(
                {
                    "tier_ids": [
                        Command.clear(),
                        Command.create({"from_day": 1, "to_day": 3, "rate": 5.0}),
                        Command.create({"from_day": 6, "to_day": 0, "rate": 9.0}),
                    ]
                }
            )
        self.assertIn("gap", str(error.exception))
        tariff.invalidate_recordset()
        self.assertEqual(tariff._get_tiers(), TIERS)

    def test_negative_free_days_refused(self):
        tariff = self._create_tariff()
        with self.assertRaises(ValidationError) as error:
            tariff.free_days = -1
        self.assertIn("negative", str(error.exception))
        tariff.invalidate_recordset()
        self.assertEqual(tariff.free_days, 5)

    def test_working_days_default_company_calendar(self):
        tariff = self._create_tariff(day_basis="working")
        self.assertEqual(tariff.resource_calendar_id, self.company.resource_calendar_id)

    def test_most_specific_tariff_wins(self):
        generic = self._create_tariff(name="Any carrier", carrier_id=False)
        port = self._create_tariff(name="Hamburg", port="DEHAM")
        typed = self._create_tariff(
            name="Hamburg 40HC",
            port="DEHAM",
            container_type_ids=[Command.set(self.type_40.ids)],
        )
        other_port = self._create_tariff(name="Rotterdam", port="NLRTM", sequence=1)
        shipment = self._create_shipment()
        box_20 = self._create_containers(shipment)
        box_40 = self._create_containers(
            shipment, container_type_id=self.type_40.id, name="TSTU4000001"
        )
        box_rtm = self._create_containers(
            shipment, destination_port="BEANR", name="TSTU4000002"
        )
        self.assertEqual(self._clock(box_20).tariff_id, port)
        self.assertEqual(self._clock(box_40).tariff_id, typed)
        self.assertEqual(self._clock(box_rtm).tariff_id, generic)
        self.assertNotIn(other_port, (box_20 | box_40 | box_rtm).dd_clock_ids.tariff_id)
        # Origin clocks have no tariff here: no charge, whatever the dates.
        self.assertFalse(self._clock(box_20, "origin_storage").tariff_id)
