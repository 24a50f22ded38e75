# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oms_cash_tolerance = fields.Monetary(
        related="company_id.oms_cash_tolerance", readonly=False
    )
    oms_deduction_account_id = fields.Many2one(
        related="company_id.oms_deduction_account_id", readonly=False
    )
    oms_deduction_reason_id = fields.Many2one(
        related="company_id.oms_deduction_reason_id", readonly=False
    )
    oms_cost_per_order = fields.Monetary(
        related="company_id.oms_cost_per_order", readonly=False
    )
