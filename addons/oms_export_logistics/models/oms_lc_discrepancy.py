# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .oms_lc_examiner_rules import DISCREPANCY_KINDS


class OmsLcDiscrepancy(models.Model):
    """One discrepancy an examination found: the document, the UCP 600
    article it breaks and what is wrong. Written with its examination
    only."""

    _name = "oms.lc.discrepancy"
    _description = "Letter of Credit Discrepancy"
    _order = "examination_id, sequence, id"

    examination_id = fields.Many2one(
        "oms.lc.examination", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="examination_id.company_id", store=True, index=True
    )
    sequence = fields.Integer()
    document_type_id = fields.Many2one(
        "oms.export.document.type",
        string="Document",
        help="Empty: the presentation as a whole (its date).",
    )
    document_code = fields.Char()
    kind = fields.Selection(
        [(kind, label) for kind, (label, _article) in DISCREPANCY_KINDS.items()],
        required=True,
    )
    article = fields.Char(required=True)
    name = fields.Text(string="Discrepancy", required=True)

    @api.model_create_multi
    def create(self, vals_list):
        # Created with their examination (superuser) only.
        if not self.env.su:
            raise UserError(
                self.env._("Discrepancies are found by an examination only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("A discrepancy is never changed: examine again.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        if not self.env.su:
            raise UserError(self.env._("Discrepancies are never deleted."))
