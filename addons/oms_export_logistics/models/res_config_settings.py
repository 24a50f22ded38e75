# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dd_journal_id = fields.Many2one(related="company_id.dd_journal_id", readonly=False)
    dd_expense_account_id = fields.Many2one(
        related="company_id.dd_expense_account_id", readonly=False
    )
    dd_accrual_account_id = fields.Many2one(
        related="company_id.dd_accrual_account_id", readonly=False
    )
    dd_product_id = fields.Many2one(related="company_id.dd_product_id", readonly=False)
    dd_auto_rebill = fields.Boolean(related="company_id.dd_auto_rebill", readonly=False)
    dd_warning_days = fields.Char(related="company_id.dd_warning_days", readonly=False)
    dd_projection_days = fields.Integer(
        related="company_id.dd_projection_days", readonly=False
    )
    dd_user_id = fields.Many2one(related="company_id.dd_user_id", readonly=False)
    oms_iec_code = fields.Char(related="company_id.oms_iec_code", readonly=False)
    oms_ad_code = fields.Char(related="company_id.oms_ad_code", readonly=False)
    oms_lut_number = fields.Char(related="company_id.oms_lut_number", readonly=False)
    oms_lut_date = fields.Date(related="company_id.oms_lut_date", readonly=False)
    oms_export_signatory = fields.Char(
        related="company_id.oms_export_signatory", readonly=False
    )
    oms_export_signatory_title = fields.Char(
        related="company_id.oms_export_signatory_title", readonly=False
    )
    oms_export_sign_place = fields.Char(
        related="company_id.oms_export_sign_place", readonly=False
    )
