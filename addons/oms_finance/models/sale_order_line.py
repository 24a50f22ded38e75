# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import float_compare


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oms_get_qty_credited(self):
        """Quantity of the line credited by OMS credit notes that take no
        goods back (price adjustments, deductions by quantity). They are
        linked to the line, so Odoo's ``qty_invoiced`` drops and the same
        units cannot be credited twice; the goods stay with the customer,
        so they are not to invoice again either."""
        self.ensure_one()
        return sum(
            aml.product_uom_id._compute_quantity(aml.quantity, self.product_uom)
            for aml in self.invoice_lines
            if aml.move_id.move_type == "out_refund"
            and aml.move_id.state != "cancel"
            and aml.move_id.oms_order_id
            and not aml.move_id.oms_return_request_id
        )

    @api.depends(
        "invoice_lines.move_id.oms_order_id",
        "invoice_lines.move_id.oms_return_request_id",
    )
    def _compute_qty_to_invoice(self):
        res = super()._compute_qty_to_invoice()
        for line in self:
            if (
                line.state == "sale"
                and not line.display_type
                and line.product_id.type != "combo"
            ):
                credited = line._oms_get_qty_credited()
                if not credited:
                    continue  # most lines: Odoo's figure stands, not rewritten
                # Credited units returned afterwards are not refunded again:
                # what is credited covers at most what the customer keeps.
                kept = (
                    line.product_uom_qty
                    if line.product_id.invoice_policy == "order"
                    else line.qty_delivered
                )
                line.qty_to_invoice -= min(credited, max(kept, 0))
        return res

    @api.depends(
        "invoice_lines.move_id.oms_order_id",
        "invoice_lines.move_id.oms_return_request_id",
    )
    def _compute_invoice_status(self):
        # Units credited with the goods kept were invoiced: a line fully
        # invoiced stays "invoiced" after such a credit note.
        res = super()._compute_invoice_status()
        for line in self.filtered(
            lambda sl: sl.state == "sale" and sl.invoice_status == "no"
        ):
            credited = line._oms_get_qty_credited()
            if credited and (
                float_compare(
                    line.qty_invoiced + credited,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding,
                )
                >= 0
            ):
                line.invoice_status = "invoiced"
        return res
