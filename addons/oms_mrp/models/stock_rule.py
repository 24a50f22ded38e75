# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockRule(models.Model):
    _inherit = "stock.rule"

    def _prepare_mo_vals(
        self,
        product_id,
        product_qty,
        product_uom,
        location_dest_id,
        name,
        origin,
        company_id,
        values,
        bom,
    ):
        vals = super()._prepare_mo_vals(
            product_id,
            product_qty,
            product_uom,
            location_dest_id,
            name,
            origin,
            company_id,
            values,
            bom,
        )
        # A manufacturing order made for one sales line through Replenish on
        # Order: link it to the line as sale_mrp does for direct procurements
        # (the line's supply, smart buttons, cancellation).
        if not vals.get("sale_line_id"):
            moves = values.get("move_dest_ids") or self.env["stock.move"]
            dests = self.env["stock.move"].browse(moves._rollup_move_dests())
            if len(dests.sale_line_id) == 1:
                vals["sale_line_id"] = dests.sale_line_id.id
        return vals
