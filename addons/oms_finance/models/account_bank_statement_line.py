# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountBankStatementLine(models.Model):
    _inherit = "account.bank.statement.line"

    # Lets the cash application find the lines it has not logged yet, also
    # those reconciled before it ran (by a reconciliation model or by hand).
    oms_cash_application_ids = fields.One2many(
        "oms.cash.application",
        "statement_line_id",
        string="Cash Applications",
        groups="account.group_account_invoice",
    )
