# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .sale_order import JEOPARDY_LEVELS


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "oms.rule.mixin"]

    oms_jeopardy_level = fields.Selection(
        JEOPARDY_LEVELS,
        string="Jeopardy",
        default="none",
        copy=False,
        index=True,
        readonly=True,
    )

    # PROCUREMENT GATE

    def _action_launch_stock_rule(self, previous_product_uom_qty=False):
        # Held orders do not reach the warehouse; releasing the last hold
        # launches their procurement (sale.order._oms_release_if_clear).
        lines = self.filtered(lambda line: not line.order_id.oms_on_hold)
        if not self.env.context.get("oms_capture_fallout"):
            return super(SaleOrderLine, lines)._action_launch_stock_rule(
                previous_product_uom_qty
            )
        # At confirmation a procurement error (no route, no rule) must not
        # undo the order: it goes to the fallout queue for a person to fix.
        try:
            with self.env.cr.savepoint():
                return super(SaleOrderLine, lines)._action_launch_stock_rule(
                    previous_product_uom_qty
                )
        except UserError as error:
            self.env["oms.fallout"]._report(lines.order_id, "procurement", error)
            return False
