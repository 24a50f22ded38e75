# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    oms_requested_date = fields.Date(
        string="Requested Date",
        copy=False,
        help="The delivery date the customer asked for on its purchase order.",
    )
