# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Settings read only by OMS features, never in an order's flow: a
    # prefetch group of their own keeps them out of the rows Odoo fetches
    # whenever it reads the company (every request does).
    oms_cash_tolerance = fields.Monetary(
        string="Cash Application Tolerance",
        currency_field="currency_id",
        help="A short payment up to this amount is accepted at once: the "
        "deduction is written off without review.",
        prefetch="oms_settings",
    )
    oms_deduction_account_id = fields.Many2one(
        "account.account",
        string="Deduction Write-off Account",
        check_company=True,
        help="Income-reducing account of the credit notes that write off "
        "accepted payment deductions.",
        prefetch="oms_settings",
    )
    oms_deduction_reason_id = fields.Many2one(
        "oms.reason",
        string="Default Deduction Reason",
        domain="[('reason_type', '=', 'deduction')]",
        help="Reason given to deductions raised by the cash application.",
        prefetch="oms_settings",
    )
    oms_cost_per_order = fields.Monetary(
        string="Cost per Order",
        currency_field="currency_id",
        help="Fixed order handling cost used by the OMS KPIs (cost per order "
        "and total order cost).",
        prefetch="oms_settings",
    )

    @api.constrains("oms_deduction_reason_id")
    def _check_oms_deduction_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(
            self, "oms_deduction_reason_id", "deduction"
        )
