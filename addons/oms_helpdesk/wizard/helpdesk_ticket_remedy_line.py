# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketRemedyLine(models.TransientModel):
    _name = "helpdesk.ticket.remedy.line"
    _description = "Ticket Remedy Quantity"

    wizard_id = fields.Many2one(
        "helpdesk.ticket.remedy", required=True, ondelete="cascade"
    )
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, readonly=True
    )
    product_id = fields.Many2one(related="sale_line_id.product_id")
    ordered_qty = fields.Float(related="sale_line_id.product_uom_qty", string="Ordered")
    delivered_qty = fields.Float(
        related="sale_line_id.qty_delivered", string="Delivered"
    )
    quantity = fields.Float(digits="Product Unit of Measure")
