# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .oms_ar_tieout import TIEOUT_ISSUES


class OmsArTieoutLine(models.TransientModel):
    """A journal item explaining a tie-out difference."""

    _name = "oms.ar.tieout.line"
    _description = "OMS AR Tie-out Difference"

    tieout_id = fields.Many2one("oms.ar.tieout", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="tieout_id.currency_id")
    issue = fields.Selection(TIEOUT_ISSUES, required=True)
    move_line_id = fields.Many2one("account.move.line", required=True)
    move_id = fields.Many2one(related="move_line_id.move_id")
    account_id = fields.Many2one(related="move_line_id.account_id")
    partner_id = fields.Many2one(related="move_line_id.partner_id")
    date = fields.Date(related="move_line_id.date")
    amount = fields.Monetary()
