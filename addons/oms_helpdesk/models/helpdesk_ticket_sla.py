# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketSla(models.Model):
    _inherit = "helpdesk.ticket.sla"

    # helpdesk_mgmt_sla indexes neither: every ticket reads its SLA lines by
    # ticket, and the escalation cron searches tickets by the lines' state.
    ticket_id = fields.Many2one(index=True)
    state = fields.Selection(index=True)
