# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.transition import (
    check_derived_write,
    check_transition_write,
    in_whole_model_transition,
)

# What Odoo computes from deliveries and invoices and invoices from: a client
# writing them would bill goods that never left, or never bill goods that did.
COMPUTED_QTY_FIELDS = ("qty_invoiced", "qty_to_invoice", "invoice_status")


def _refused(line, fname, value):
    if fname == "qty_delivered" and line.qty_delivered_method != "stock_move":
        # Counted from the stock moves only for goods; other lines' delivered
        # quantity is typed by hand or kept by their own apps.
        return False
    return line._fields[fname].convert_to_cache(value, line) != line[fname]


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        # A delivery of goods the order did not list adds a line with its
        # delivered quantity (sale_stock, inside the transfer's validation).
        guarded = not self.env.su and not in_whole_model_transition(self)
        if guarded and any(
            set(COMPUTED_QTY_FIELDS) & vals.keys() for vals in vals_list
        ):
            raise UserError(self._oms_get_forged_qty_message())
        lines = super().create(vals_list)
        if guarded and any(
            vals.get("qty_delivered") and line.qty_delivered_method == "stock_move"
            for line, vals in zip(lines, vals_list, strict=True)
        ):
            raise UserError(self._oms_get_forged_qty_message())
        return lines

    def _oms_get_forged_qty_message(self):
        return self.env._(
            "A line's delivered and invoiced quantities follow its deliveries "
            "and invoices; they are not typed on a new line of goods."
        )

    def write(self, vals):
        check_transition_write(
            self,
            vals,
            ("qty_delivered", *COMPUTED_QTY_FIELDS),
            _refused,
            lambda: self.env._("Validate the delivery, Create Invoice"),
        )
        check_derived_write(self, vals, "oms_")  # the P:D ratio
        return super().write(vals)
