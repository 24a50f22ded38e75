# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.transition import check_transition_write

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

    def write(self, vals):
        check_transition_write(
            self,
            vals,
            ("qty_delivered", *COMPUTED_QTY_FIELDS),
            _refused,
            lambda: self.env._("Validate the delivery, Create Invoice"),
        )
        return super().write(vals)
