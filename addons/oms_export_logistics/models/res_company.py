# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Settings read only by OMS features, never in an order's flow: a
    # prefetch group of their own keeps them out of the rows Odoo fetches
    # whenever it reads the company (every request does).
    dd_journal_id = fields.Many2one(
        "account.journal",
        string="D&D Accrual Journal",
        domain="[('type', '=', 'general'), ('company_id', '=', id)]",
        prefetch="oms_settings",
    )
    dd_expense_account_id = fields.Many2one(
        "account.account",
        string="D&D Expense Account",
        prefetch="oms_settings",
    )
    dd_accrual_account_id = fields.Many2one(
        "account.account",
        string="D&D Accrued Liability Account",
        help="Credited by the accruals until the carrier's bill arrives.",
        prefetch="oms_settings",
    )
    dd_product_id = fields.Many2one(
        "product.product",
        string="D&D Re-bill Product",
        domain="[('type', '=', 'service')]",
        help="Service invoiced to customers for the charges they caused.",
        prefetch="oms_settings",
    )
    dd_auto_rebill = fields.Boolean(
        string="Re-bill D&D Automatically",
        help="The daily scan invoices the stopped clocks caused by customers.",
        prefetch="oms_settings",
    )
    dd_warning_days = fields.Char(
        string="D&D Warning Days",
        default="3,1",
        help="Days before the last free day when the responsible is warned, "
        "comma-separated, e.g. 3,1.",
        prefetch="oms_settings",
    )
    dd_projection_days = fields.Integer(
        string="D&D Projection Days",
        default=7,
        help="A running clock without planned stop is projected this many days ahead.",
        prefetch="oms_settings",
    )
    dd_user_id = fields.Many2one(
        "res.users",
        string="D&D Responsible",
        help="Warned when a shipment has no responsible of its own.",
        prefetch="oms_settings",
    )
    # What Indian export documents print about the exporter (the GSTIN is
    # the company's ``vat``).
    oms_iec_code = fields.Char(
        string="IEC",
        help="Importer-Exporter Code issued by the DGFT: printed on the "
        "commercial invoice and the shipping bill.",
        prefetch="oms_settings",
    )
    oms_ad_code = fields.Char(
        string="AD Code",
        help="Authorised Dealer code of the bank export proceeds come through.",
        prefetch="oms_settings",
    )
    oms_lut_number = fields.Char(
        string="LUT Number",
        help="Letter of undertaking to export without paying IGST.",
        prefetch="oms_settings",
    )
    oms_lut_date = fields.Date(string="LUT Date", prefetch="oms_settings")
    oms_export_signatory = fields.Char(
        string="Export Documents Signatory",
        help="Name of the person who signs the export documents.",
        prefetch="oms_settings",
    )
    oms_export_signatory_title = fields.Char(
        string="Signatory Title", prefetch="oms_settings"
    )
    oms_export_sign_place = fields.Char(
        string="Place of Signature",
        help="Where the documents and the bill of exchange are signed "
        "(the company's city when empty).",
        prefetch="oms_settings",
    )

    @api.constrains("dd_warning_days", "dd_projection_days")
    def _check_dd_settings(self):
        for company in self:
            try:
                company._dd_get_warning_thresholds()
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "D&D warning days must be positive whole numbers "
                        "separated by commas, e.g. 3,1."
                    )
                ) from error
            if company.dd_projection_days < 0:
                raise ValidationError(
                    self.env._("D&D projection days cannot be negative.")
                )

    def _dd_get_warning_thresholds(self):
        """Warning thresholds in days before the last free day, descending."""
        self.ensure_one()
        parts = [p.strip() for p in (self.dd_warning_days or "").split(",")]
        thresholds = sorted({int(p) for p in parts if p}, reverse=True)
        if any(t <= 0 for t in thresholds):
            raise ValueError(self.dd_warning_days)
        return thresholds

    def _dd_accrual_configured(self):
        self.ensure_one()
        return bool(
            self.dd_journal_id
            and self.dd_expense_account_id
            and self.dd_accrual_account_id
        )
