# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TIEOUT_ISSUES = [
    ("no_partner", "Receivable item without partner"),
    ("unposted", "Unposted receivable item"),
    ("currency", "Residual in one currency only"),
]


class OmsArTieout(models.TransientModel):
    """AR tie-out: the receivables subledger (open items of customers, their
    residual) against the balance of the receivable accounts in the general
    ledger, with the items explaining a difference.

    Both sides take posted items dated up to ``date_to``; residuals are the
    current ones, so run it for today or after closing the period.
    """

    _name = "oms.ar.tieout"
    _description = "OMS AR Tie-out"

    date_to = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    subledger_total = fields.Monetary(readonly=True)
    gl_total = fields.Monetary("GL Balance", readonly=True)
    difference = fields.Monetary(readonly=True)
    line_ids = fields.One2many("oms.ar.tieout.line", "tieout_id", readonly=True)
    partner_line_ids = fields.One2many(
        "oms.ar.tieout.partner", "tieout_id", string="Subledger", readonly=True
    )

    def _get_base_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("account_id.account_type", "=", "asset_receivable"),
            ("date", "<=", self.date_to),
        ]

    @api.model
    def _prepare_issue_line(self, issue, line, amount):
        return {
            "issue": issue,
            "move_line_id": line.id,
            "amount": amount,
        }

    def _get_issue_lines(self):
        """Values of the items that explain (or may explain) a difference."""
        lines = self.env["account.move.line"]
        base = self._get_base_domain()
        issues = []
        for line in lines.search(
            base + [("parent_state", "=", "posted"), ("partner_id", "=", False)]
        ):
            issues.append(self._prepare_issue_line("no_partner", line, line.balance))
        for line in lines.search(base + [("parent_state", "=", "draft")]):
            issues.append(self._prepare_issue_line("unposted", line, line.balance))
        company_currency = self.company_id.currency_id
        for line in lines.search(
            base
            + [
                ("parent_state", "=", "posted"),
                ("partner_id", "!=", False),
                ("reconciled", "=", False),
                ("currency_id", "!=", company_currency.id),
            ]
        ):
            zero_company = company_currency.is_zero(line.amount_residual)
            zero_foreign = line.currency_id.is_zero(line.amount_residual_currency)
            if zero_company != zero_foreign:
                issues.append(
                    self._prepare_issue_line("currency", line, line.amount_residual)
                )
        return issues

    def action_compute(self):
        self.ensure_one()
        posted = self._get_base_domain() + [("parent_state", "=", "posted")]
        move_lines = self.env["account.move.line"]
        partner_rows = move_lines._read_group(
            posted + [("partner_id", "!=", False), ("reconciled", "=", False)],
            ["partner_id"],
            ["amount_residual:sum"],
        )
        [[gl_total]] = move_lines._read_group(posted, [], ["balance:sum"])
        subledger = sum(amount for _partner, amount in partner_rows)
        gl_total = gl_total or 0.0
        self.line_ids.unlink()
        self.partner_line_ids.unlink()
        self.write(
            {
                "subledger_total": subledger,
                "gl_total": gl_total,
                "difference": gl_total - subledger,
                "partner_line_ids": [
                    fields.Command.create({"partner_id": partner.id, "amount": amount})
                    for partner, amount in partner_rows
                    if not self.currency_id.is_zero(amount)
                ],
                "line_ids": [
                    fields.Command.create(vals) for vals in self._get_issue_lines()
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("AR Tie-out"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_print_pdf(self):
        self._compute_if_needed()
        return self.env.ref("oms_finance.oms_ar_tieout_report").report_action(self)

    def action_export_xlsx(self):
        self._compute_if_needed()
        return self.env.ref("oms_finance.oms_ar_tieout_xlsx_report").report_action(self)

    def _compute_if_needed(self):
        for tieout in self:
            if not tieout.partner_line_ids and not tieout.line_ids:
                tieout.action_compute()
