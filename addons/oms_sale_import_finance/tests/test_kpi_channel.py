# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_sale_import.tests.common import OmsSaleImportCommon


@tagged("post_install", "-at_install")
class TestKpiChannel(OmsSaleImportCommon):
    def test_order_kpis_per_capture_channel(self):
        imported = self._import("po_hamburg.csv")
        typed = self._create_order()
        (imported | typed).action_confirm()
        self.env.flush_all()
        kpis = self.env["oms.kpi.order"].search(
            [("order_id", "in", (imported | typed).ids)]
        )
        channels = {kpi.order_id: kpi.capture_channel for kpi in kpis}
        self.assertEqual(channels, {imported: "file", typed: "manual"})
        groups = self.env["oms.kpi.order"].read_group(
            [("order_id", "in", (imported | typed).ids)],
            ["right_first_time_rate:avg"],
            ["capture_channel"],
        )
        self.assertEqual(
            sorted(group["capture_channel"] for group in groups), ["file", "manual"]
        )
