# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    oms_is_complaint = fields.Boolean(
        string="Complaint",
        help="Tickets of this category count as complaints in the service "
        "KPIs (complaints per 1,000 orders).",
    )
