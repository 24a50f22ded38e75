# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import tagged

from .common import OmsExportCommon


@tagged("post_install", "-at_install")
class TestLoading(OmsExportCommon):
    def test_on_time_flag(self):
        planned = datetime(2026, 3, 8, 9, 0)
        shipment = self._create_shipment(loading_planned=planned)
        self.assertFalse(shipment.on_time_loading)
        self.assertFalse(shipment.on_time_loading_rate)
        shipment.loading_actual = datetime(2026, 3, 8, 16, 0)
        self.assertTrue(shipment.on_time_loading)
        self.assertEqual(shipment.on_time_loading_rate, 100.0)
        shipment.loading_actual = datetime(2026, 3, 9, 10, 0)
        self.assertFalse(shipment.on_time_loading)
        self.assertEqual(shipment.on_time_loading_rate, 0.0)

    def test_loading_starts_clock(self):
        shipment = self._create_shipment(loading_planned=datetime(2099, 1, 1, 9, 0))
        shipment.action_book()
        shipment.action_start_loading()
        self.assertTrue(shipment.loading_actual)
        self.assertTrue(shipment.on_time_loading)

    def test_on_time_loading_rate(self):
        planned = datetime(2026, 3, 8, 9, 0)
        shipments = self.env["oms.export.shipment"]
        for actual in (
            datetime(2026, 3, 7, 15, 0),
            datetime(2026, 3, 8, 9, 30),
            datetime(2026, 3, 8, 18, 0),
            datetime(2026, 3, 10, 9, 0),
        ):
            shipments |= self._create_shipment(
                loading_planned=planned, loading_actual=actual
            )
        # Not loaded yet: the on-time loading report leaves it out.
        waiting = self._create_shipment(loading_planned=planned)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_export_logistics.oms_export_shipment_action_loading_rate"
        )
        self.assertIn("search_default_loaded", action["context"])
        groups = self.env["oms.export.shipment"]._read_group(
            [("id", "in", (shipments | waiting).ids), ("loading_actual", "!=", False)],
            ["warehouse_id"],
            ["on_time_loading_rate:avg", "__count"],
        )
        self.assertEqual(len(groups), 1)
        warehouse, rate, count = groups[0]
        self.assertEqual(warehouse, self.warehouse)
        self.assertEqual(count, 4)
        self.assertAlmostEqual(rate, 75.0)
