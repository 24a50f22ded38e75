# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsArTieoutPartner(models.TransientModel):
    """Open receivable residual of one customer (the subledger side)."""

    _name = "oms.ar.tieout.partner"
    _description = "OMS AR Tie-out Subledger"
    _order = "amount desc"

    tieout_id = fields.Many2one("oms.ar.tieout", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="tieout_id.currency_id")
    partner_id = fields.Many2one("res.partner", required=True)
    amount = fields.Monetary("Open Residual")
