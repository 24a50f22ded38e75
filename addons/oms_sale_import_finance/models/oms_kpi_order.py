# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.oms_sale_import.models.sale_order import CAPTURE_CHANNELS


class OmsKpiOrder(models.Model):
    """The order KPIs per capture channel: how many orders of each channel
    go straight through, right first time, on time."""

    _inherit = "oms.kpi.order"

    capture_channel = fields.Selection(CAPTURE_CHANNELS, readonly=True)

    def _query(self):
        # Wraps the finance query whole: its columns stay its own.
        return SQL(
            """
            SELECT kpi.*, so.oms_capture_channel AS capture_channel
              FROM (%s) kpi
              JOIN sale_order so ON so.id = kpi.order_id
            """,
            super()._query(),
        )
