# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .dd_common import THURSDAY, DdCommon


@tagged("post_install", "-at_install")
class TestContainer(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls._create_shipment()
        cls.container = cls._create_containers(
            cls.shipment,
            cargo_weight=12000.0,
            packaging_weight=800.0,
            volume_used=16.6,
            package_count=20,
            vgm_method="method2",
        )

    def test_capacity_load_and_vgm(self):
        box = self.container
        self.assertEqual(box.tare_weight, self.type_20.tare_weight)
        self.assertEqual(box.max_gross_weight, 2200.0 + 28280.0)
        self.assertEqual(box.weight_used, 12800.0)
        self.assertAlmostEqual(box.weight_fill, 100.0 * 12800.0 / 28280.0)
        self.assertAlmostEqual(box.volume_fill, 50.0)
        # SOLAS method 2: cargo + packing + tare.
        self.assertEqual(box.vgm_weight, 12000.0 + 800.0 + 2200.0)
        box.cargo_weight = 13000.0
        self.assertEqual(box.vgm_weight, 16000.0)
        # Method 1: the weighbridge reading stands.
        box.write({"vgm_method": "method1", "vgm_weight": 16120.0})
        box.cargo_weight = 13100.0
        self.assertEqual(box.vgm_weight, 16120.0)
        self.assertEqual(len(box.dd_clock_ids), 4)

    def test_vgm_above_max_gross_refused(self):
        with self.assertRaises(ValidationError) as error:
            self.container.cargo_weight = 29000.0
        self.assertIn("maximum gross mass", str(error.exception))
        self.container.invalidate_recordset()
        self.assertEqual(self.container.cargo_weight, 12000.0)

    def test_events_out_of_order_refused(self):
        box = self.container
        box.write(
            {
                "empty_pickup_date": self._at(THURSDAY),
                "gate_in_date": self._at(THURSDAY + timedelta(2)),
            }
        )
        with self.assertRaises(ValidationError) as error:
            box.loaded_date = self._at(THURSDAY + timedelta(1))
        self.assertIn("cannot be before", str(error.exception))
        with self.assertRaises(ValidationError) as error:
            box.gate_in_date = self._at(THURSDAY - timedelta(1))
        self.assertIn("cannot be before", str(error.exception))
        box.invalidate_recordset()
        self.assertFalse(box.loaded_date)
        self.assertEqual(box.gate_in_date, self._at(THURSDAY + timedelta(2)))
        clock = self._clock(box, "origin_detention")
        self.assertEqual(clock.end_datetime, self._at(THURSDAY + timedelta(2)))
        self.assertFalse(clock.running)
        self.assertTrue(self._clock(box, "origin_storage").running)
