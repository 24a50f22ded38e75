# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oms_jeopardy_scan_batch(self, today):
        """After the scan sets the levels, orders now in critical jeopardy
        get a proactive ticket."""
        result = super()._oms_jeopardy_scan_batch(today)
        self.order_id._oms_open_jeopardy_tickets()
        return result
