# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    oms_invoice_policy_id = fields.Many2one(
        "oms.invoice.policy",
        string="Invoice Policy",
        company_dependent=True,
        help="Invoice policy of this customer's orders; empty: the first "
        "matching policy.",
    )

    @api.constrains("oms_invoice_policy_id")
    def _check_oms_invoice_policy_company(self):
        # The value is per company: it must be a policy of that company.
        # Read as superuser so that another company's policy, which the
        # record rules hide, is reported rather than an AccessError.
        company = self.env.company
        for partner in self:
            policy = partner.oms_invoice_policy_id.sudo()
            if policy and policy.company_id != company:
                raise ValidationError(
                    self.env._(
                        "Invoice policy %(policy)s belongs to %(company)s: "
                        "choose a policy of %(current)s.",
                        policy=policy.name,
                        company=policy.company_id.name,
                        current=company.name,
                    )
                )

    @api.model
    def _commercial_fields(self):
        # Contacts are invoiced under the policy of their company.
        return super()._commercial_fields() + ["oms_invoice_policy_id"]

    # STATEMENT OF ACCOUNT

    def _oms_get_statement_lines(self):
        """Open receivable items of the commercial partner (current company)."""
        self.ensure_one()
        return self.env["account.move.line"].search(
            [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("company_id", "=", self.env.company.id),
            ],
            order="date_maturity, date, id",
        )

    def _oms_get_ageing_buckets(self):
        """(label, min days overdue, max days overdue) of the statement."""
        return [
            (self.env._("Not due"), None, 0),
            (self.env._("1-30"), 1, 30),
            (self.env._("31-60"), 31, 60),
            (self.env._("61-90"), 61, 90),
            (self.env._("Over 90"), 91, None),
        ]

    def _oms_get_statement_data(self):
        """Open items, ageing and balance per currency of the documents: a
        customer invoiced in USD reads USD amounts (``amount_currency``,
        ``amount_residual_currency``), one section per currency when it has
        several; the company-currency equivalent comes beside each open
        amount."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        company_currency = self.env.company.currency_id
        lines = self._oms_get_statement_lines()
        sections = []
        for currency, currency_lines in lines.grouped("currency_id").items():
            section = self._oms_get_statement_section(
                currency or company_currency, currency_lines, today
            )
            if section["items"]:
                sections.append(section)
        sections.sort(key=lambda section: section["currency"].name)
        return {
            "date": today,
            "company_currency": company_currency,
            "sections": sections,
        }

    def _oms_get_statement_section(self, currency, lines, today):
        """One currency's open items, ageing buckets and balance."""
        company_currency = self.env.company.currency_id
        lines = lines.filtered(
            lambda aml: (
                not (
                    currency.is_zero(aml.amount_residual_currency)
                    and company_currency.is_zero(aml.amount_residual)
                )
            )
        )
        buckets = [
            {"label": label, "low": low, "high": high, "amount": 0.0}
            for label, low, high in self._oms_get_ageing_buckets()
        ]
        items = []
        for aml in lines:
            overdue = (today - (aml.date_maturity or aml.date)).days
            for bucket in buckets:
                if (bucket["low"] is None or overdue >= bucket["low"]) and (
                    bucket["high"] is None or overdue <= bucket["high"]
                ):
                    bucket["amount"] += aml.amount_residual_currency
                    break
            items.append(
                {
                    "name": aml.move_id.name,
                    "date": aml.date,
                    "date_maturity": aml.date_maturity,
                    "ref": aml.move_id.ref or aml.move_id.invoice_origin or "",
                    "amount": aml.amount_currency,
                    "residual": aml.amount_residual_currency,
                    "residual_company": aml.amount_residual,
                }
            )
        return {
            "currency": currency,
            "foreign": currency != company_currency,
            "items": items,
            "buckets": buckets,
            "balance": currency.round(sum(lines.mapped("amount_residual_currency"))),
            "balance_company": company_currency.round(
                sum(lines.mapped("amount_residual"))
            ),
        }
