# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    step = fields.Selection(
        selection_add=[("dd_scan", "Demurrage and detention scan")],
        ondelete={"dd_scan": "cascade"},
    )

    def _retry_dd_scan(self):
        """Scan again the D&D clocks of the order's shipments.

        :returns: whether the scan now went through
        """
        clocks = self.env["oms.dd.clock"].search(
            [
                ("shipment_id.sale_order_ids", "in", self.order_id.ids),
                *self.env["oms.dd.clock"]._dd_scan_domain(),
            ]
        )
        today = fields.Date.context_today(self)
        return not clocks or clocks._dd_scan_clocks(today) is not None
