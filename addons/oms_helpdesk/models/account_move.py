# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    ticket_ids = fields.One2many("helpdesk.ticket", "invoice_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        groups = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.ticket_count = groups.get(move, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update(
            domain=[("invoice_id", "=", self.id)],
            context={
                "default_invoice_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    # BUSINESS METHODS

    @api.model
    def _oms_find_by_reference(self, references, company, limit=None):
        """Customer invoices and credit notes of ``company`` numbered one of
        ``references``, whoever their customer: a ticket is linked to the
        documents its email names."""
        return self.search(
            [
                ("company_id", "=", company.id),
                ("name", "in", references),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ],
            limit=limit,
        )
