# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

GL_CATEGORIES = [
    ("revenue", "Revenue"),
    ("deduction", "Customer Deductions"),
    ("receivable", "Receivables"),
    ("tax", "Taxes"),
    ("cogs", "Cost of Goods Sold"),
    ("exchange", "Exchange Differences"),
]
# Account types of each category; taxes are found by the tax line, customer
# deductions and exchange differences by the company's accounts and journal.
CATEGORY_ACCOUNT_TYPES = {
    "revenue": ("income", "income_other"),
    "receivable": ("asset_receivable",),
    "cogs": ("expense_direct_cost",),
}
# Profit and loss types an exchange-difference entry may post to.
EXCHANGE_ACCOUNT_TYPES = ("income", "income_other", "expense", "expense_direct_cost")


class OmsGlTransfer(models.TransientModel):
    """Order-to-cash figures posted to the general ledger in a period:
    revenue, customer deductions, receivables, taxes, cost of goods sold and
    exchange differences, by journal and account (PDF and XLSX)."""

    _name = "oms.gl.transfer"
    _description = "OMS GL Transfer Report"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1)
            + relativedelta(months=1, days=-1)
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    journal_ids = fields.Many2many(
        "account.journal",
        domain="[('company_id', '=', company_id)]",
        help="Leave empty for every journal.",
    )

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_from <= date_to)",
            "The period ends before it starts.",
        )
    ]

    def _get_special_accounts(self):
        """``(exchange accounts, deduction accounts)`` of the company: each
        is reported under its own heading, never under revenue."""
        company = self.company_id
        exchange = (
            company.income_currency_exchange_account_id
            | company.expense_currency_exchange_account_id
        )
        return exchange, company.oms_deduction_account_id

    def _get_move_line_domain(self):
        self.ensure_one()
        exchange, deduction = self._get_special_accounts()
        exchange_journal = self.company_id.currency_exchange_journal_id
        domain = [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
            "|",
            "|",
            "|",
            "|",
            ("account_id.account_type", "in", sum(CATEGORY_ACCOUNT_TYPES.values(), ())),
            ("tax_line_id", "!=", False),
            ("display_type", "=", "tax"),
            ("account_id", "in", (exchange | deduction).ids),
            "&",
            ("journal_id", "=", exchange_journal.id or False),
            ("account_id.account_type", "in", EXCHANGE_ACCOUNT_TYPES),
        ]
        if self.journal_ids:
            domain.append(("journal_id", "in", self.journal_ids.ids))
        return domain

    @api.model
    def _get_category(self, account, is_tax, journal=None):
        """Category of an account, by account first (each account is under
        one heading), then by the Exchange Difference journal, then by
        account type."""
        if is_tax:
            return "tax"
        company = account.company_ids[:1] if journal is None else journal.company_id
        exchange = (
            company.income_currency_exchange_account_id
            | company.expense_currency_exchange_account_id
        )
        if account in exchange:
            return "exchange"
        if account == company.oms_deduction_account_id:
            return "deduction"
        for category, types in CATEGORY_ACCOUNT_TYPES.items():
            if account.account_type in types:
                return category
        if journal and journal == company.currency_exchange_journal_id:
            return "exchange"
        return "tax"

    def _get_lines(self):
        """Rows (category, journal, account, debit, credit, balance), sorted
        by category, journal and account code."""
        self.ensure_one()
        groups = self.env["account.move.line"]._read_group(
            self._get_move_line_domain(),
            ["journal_id", "account_id", "display_type"],
            ["debit:sum", "credit:sum", "balance:sum"],
        )
        merged = defaultdict(lambda: [0.0, 0.0, 0.0])
        for journal, account, display_type, debit, credit, balance in groups:
            category = self._get_category(account, display_type == "tax", journal)
            totals = merged[(category, journal, account)]
            totals[0] += debit
            totals[1] += credit
            totals[2] += balance
        order = [code for code, _label in GL_CATEGORIES]
        labels = dict(GL_CATEGORIES)
        return [
            {
                "category": category,
                "category_label": labels[category],
                "journal": journal,
                "account": account,
                "debit": debit,
                "credit": credit,
                "balance": balance,
            }
            for (category, journal, account), (debit, credit, balance) in sorted(
                merged.items(),
                key=lambda item: (
                    order.index(item[0][0]),
                    item[0][1].code or "",
                    item[0][2].code or "",
                ),
            )
        ]

    def _get_totals(self, lines=None):
        """Debit, credit and balance per category (every category listed)."""
        lines = self._get_lines() if lines is None else lines
        totals = {
            code: {"label": label, "debit": 0.0, "credit": 0.0, "balance": 0.0}
            for code, label in GL_CATEGORIES
        }
        for line in lines:
            for key in ("debit", "credit", "balance"):
                totals[line["category"]][key] += line[key]
        return totals

    def action_print_pdf(self):
        return self.env.ref("oms_finance.oms_gl_transfer_report").report_action(self)

    def action_export_xlsx(self):
        return self.env.ref("oms_finance.oms_gl_transfer_xlsx_report").report_action(
            self
        )
