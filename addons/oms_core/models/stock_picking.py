# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    oms_stage = fields.Selection(related="sale_id.oms_stage", string="OMS Stage")

    @api.model_create_multi
    def create(self, vals_list):
        # Priority rules run at confirmation, before the deliveries exist (and
        # held orders get theirs on release): deliveries of urgent orders start
        # urgent. sale_id is not set yet at creation; the group is.
        groups = self.env["procurement.group"].browse(
            [vals["group_id"] for vals in vals_list if vals.get("group_id")]
        )
        urgent = groups.filtered(lambda g: g.sale_id.oms_priority == "1").ids
        for vals in vals_list:
            if vals.get("group_id") in urgent:
                vals.setdefault("priority", "1")
        return super().create(vals_list)
