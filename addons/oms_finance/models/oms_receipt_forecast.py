# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class OmsReceiptForecast(models.Model):
    """Expected receipts: every open receivable instalment of a posted
    customer invoice at its due date (the payment term splits an invoice in
    instalments), by ISO week."""

    _name = "oms.receipt.forecast"
    _description = "OMS Expected Receipts"
    _auto = False
    _order = "date_maturity, id"

    move_line_id = fields.Many2one("account.move.line", readonly=True)
    invoice_id = fields.Many2one("account.move", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    date_maturity = fields.Date("Due Date", readonly=True)
    week = fields.Char(readonly=True, help="ISO week of the due date.")
    week_start = fields.Date(readonly=True)
    amount_residual = fields.Monetary(
        "Expected (company currency)",
        currency_field="company_currency_id",
        readonly=True,
    )
    amount_residual_currency = fields.Monetary(
        "Expected", currency_field="currency_id", readonly=True
    )
    overdue = fields.Boolean(readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT aml.id AS id,
                   aml.id AS move_line_id,
                   aml.move_id AS invoice_id,
                   aml.partner_id,
                   aml.company_id,
                   aml.currency_id,
                   aml.company_currency_id,
                   COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                   to_char(COALESCE(aml.date_maturity, aml.date), 'IYYY-"W"IW')
                       AS week,
                   date_trunc('week', COALESCE(aml.date_maturity, aml.date))::date
                       AS week_start,
                   aml.amount_residual,
                   aml.amount_residual_currency,
                   COALESCE(aml.date_maturity, aml.date) < CURRENT_DATE AS overdue
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN account_account acc ON acc.id = aml.account_id
             WHERE aml.parent_state = 'posted'
               AND acc.account_type = 'asset_receivable'
               AND am.move_type IN ('out_invoice', 'out_refund')
               AND NOT aml.reconciled
               AND aml.amount_residual != 0
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
