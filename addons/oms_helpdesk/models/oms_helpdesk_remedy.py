# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsHelpdeskRemedy(models.Model):
    """A remedy given from a ticket (return, credit note, replacement
    order), pointing at the document oms_finance created."""

    _name = "oms.helpdesk.remedy"
    _description = "Helpdesk Remedy"
    _order = "id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    sale_order_id = fields.Many2one("sale.order", required=True, index=True)
    remedy_type = fields.Selection(
        [
            ("return", "Return"),
            ("credit_note", "Credit note"),
            ("replacement", "Replacement order"),
        ],
        required=True,
    )
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    document_name = fields.Char(compute="_compute_document_name")
    reason_id = fields.Many2one("oms.reason")

    @api.depends("res_model", "res_id")
    def _compute_document_name(self):
        # One existence check per document model, not per remedy.
        names = {}
        for res_model, remedies in self.grouped("res_model").items():
            if not res_model:
                continue
            documents = self.env[res_model].browse(remedies.mapped("res_id")).exists()
            names.update(
                ((res_model, document.id), document.display_name)
                for document in documents
            )
        for remedy in self:
            remedy.document_name = names.get((remedy.res_model, remedy.res_id), False)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
