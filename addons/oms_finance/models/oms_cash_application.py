# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)

# A source is done once in one of these states: a second run skips it.
DONE_STATES = ("matched", "short", "unapplied")


class OmsCashApplication(models.Model):
    """Cash application log: one row per incoming bank statement line or
    customer payment, telling which open invoices it was applied to, what
    stayed unapplied and which deduction it raised.

    The matching itself reuses Odoo: statement lines are reconciled through
    account_reconcile_oca (``_add_account_move_line`` then
    ``reconcile_bank_line``), payments through
    ``account.move.js_assign_outstanding_line``.
    """

    _name = "oms.cash.application"
    _inherit = ["oms.cash.matching"]
    _description = "OMS Cash Application"
    _order = "date desc, id desc"
    _check_company_auto = True
    _rec_name = "reference"

    statement_line_id = fields.Many2one(
        "account.bank.statement.line",
        ondelete="cascade",
        index="btree_not_null",
        check_company=True,
        readonly=True,
    )
    payment_id = fields.Many2one(
        "account.payment",
        ondelete="cascade",
        index="btree_not_null",
        check_company=True,
        readonly=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", readonly=True)
    date = fields.Date(readonly=True)
    reference = fields.Char(readonly=True)
    amount = fields.Monetary(readonly=True, help="Received, in company currency.")
    amount_applied = fields.Monetary(
        readonly=True, help="Applied to invoices, in company currency."
    )
    amount_unapplied = fields.Monetary(
        readonly=True,
        help="Left as an open credit of the customer, in company currency.",
    )
    # The cash is decided in the currency of the invoices it pays: a USD wire
    # paying a USD invoice in full is matched whatever the rates of the day.
    document_currency_id = fields.Many2one(
        "res.currency",
        string="Document Currency",
        readonly=True,
        help="Currency of the invoices the cash pays (of the cash when it pays none).",
    )
    amount_currency = fields.Monetary(
        "Amount (Document Currency)",
        currency_field="document_currency_id",
        readonly=True,
    )
    amount_applied_currency = fields.Monetary(
        "Applied (Document Currency)",
        currency_field="document_currency_id",
        readonly=True,
    )
    amount_unapplied_currency = fields.Monetary(
        "Unapplied (Document Currency)",
        currency_field="document_currency_id",
        readonly=True,
    )
    invoice_ids = fields.Many2many("account.move", string="Invoices", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True, index="btree_not_null")
    deduction_id = fields.Many2one("oms.payment.deduction", readonly=True)
    state = fields.Selection(
        [
            ("unmatched", "Unmatched"),
            ("matched", "Matched"),
            ("short", "Short Payment"),
            ("unapplied", "Overpayment"),
            ("error", "Error"),
        ],
        default="unmatched",
        required=True,
        index=True,
        readonly=True,
    )
    message = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "statement_line_uniq",
            "unique(statement_line_id)",
            "A statement line has one cash application.",
        ),
        ("payment_uniq", "unique(payment_id)", "A payment has one cash application."),
    ]

    # PUBLIC ACTIONS

    @api.model
    def action_run(self):
        """Apply every incoming, unreconciled statement line and customer
        payment of the current companies (button and cron)."""
        companies = self.env.companies
        lines = self.env["account.bank.statement.line"].search(
            self._get_statement_line_domain(companies)
        )
        payments = self.env["account.payment"].search(
            self._get_payment_domain(companies)
        )
        return self._run(lines, payments)

    def action_retry(self):
        self._run_sources()
        return True

    # HOOKS

    @api.model
    def _get_statement_line_domain(self, companies):
        """Incoming lines still open, and those reconciled before any run
        (reconciliation model, by hand): every incoming line gets its row,
        so matched and unapplied cash are complete."""
        return [
            ("company_id", "in", companies.ids),
            ("amount", ">", 0),
            ("state", "=", "posted"),
            "|",
            ("is_reconciled", "=", False),
            # No row yet, or one still to finish (unmatched, error).
            "|",
            ("oms_cash_application_ids", "=", False),
            ("oms_cash_application_ids.state", "not in", DONE_STATES),
        ]

    @api.model
    def _get_payment_domain(self, companies):
        return [
            ("company_id", "in", companies.ids),
            ("is_reconciled", "=", False),
            ("payment_type", "=", "inbound"),
            ("partner_type", "=", "customer"),
            ("state", "in", ("in_process", "paid")),
        ]

    # BUSINESS METHODS

    @api.model
    def _run(self, statement_lines, payments):
        """Apply ``statement_lines`` and ``payments``; idempotent: sources
        already applied are skipped, each source runs in its own savepoint
        and a failure is logged and queued as a fallout.

        :returns: the cash application records of this run
        """
        done = self.search(
            [
                ("state", "in", DONE_STATES),
                "|",
                ("statement_line_id", "in", statement_lines.ids),
                ("payment_id", "in", payments.ids),
            ]
        )
        statement_lines -= done.statement_line_id
        payments -= done.payment_id
        existing = self.search(
            [
                "|",
                ("statement_line_id", "in", statement_lines.ids),
                ("payment_id", "in", payments.ids),
            ]
        )
        new_lines = statement_lines - existing.statement_line_id
        new_payments = payments - existing.payment_id
        created = self.create(
            [
                {"statement_line_id": line.id, "company_id": line.company_id.id}
                for line in new_lines
            ]
            + [
                {"payment_id": payment.id, "company_id": payment.company_id.id}
                for payment in new_payments
            ]
        )
        applications = existing | created
        applications._run_sources()
        return applications

    def _run_sources(self):
        """Apply each source of ``self``. The invoices and orders the sources
        may point to are searched once per company for all of them, then
        each source is matched in memory and reconciled in its own
        savepoint."""
        sources = self._get_sources_values()
        candidates = self._get_candidates_per_company(sources)
        for application, source in sources.items():
            application = application.with_company(application.company_id)
            invoices = self.env["account.move"]
            try:
                invoices = application._find_invoices(
                    application.company_id,
                    source,
                    candidates=candidates[application.company_id],
                )
                if invoices:
                    with self.env.cr.savepoint():
                        application._apply(source, invoices)
                else:
                    # Nothing to reconcile, only this log is written: no
                    # savepoint, so the unmatched sources of a run are
                    # flushed together.
                    application._apply(source, invoices)
            # Any business failure of one source is queued, the batch goes on;
            # a database conflict is retried as a whole (cron, RPC).
            except Exception as error:  # noqa: BLE001  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                application._record_failure(error, invoices)

    def _get_sources_values(self):
        """``{application: values of its source}``; an application whose
        source cannot be read is queued and left out."""
        sources = {}
        for application in self:
            try:
                sources[application] = application.with_company(
                    application.company_id
                )._get_source_values()
            # One unreadable source is queued, the batch goes on.
            except Exception as error:  # noqa: BLE001  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                application._record_failure(error, self.env["account.move"])
        return sources

    def _get_candidates_per_company(self, sources):
        """``{company: match candidates}`` of the ``sources`` (see
        :meth:`_get_sources_values`). When the search of a company fails,
        its sources are queued and removed from ``sources``."""
        candidates = {}
        for company, applications in self.grouped("company_id").items():
            applications = applications.filtered(lambda app: app in sources)
            try:
                candidates[company] = self.with_company(company)._get_match_candidates(
                    company, [sources[app] for app in applications]
                )
            # One company's failure is queued, the other companies go on.
            except Exception as error:  # noqa: BLE001  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                for application in applications:
                    del sources[application]
                    application._record_failure(error, self.env["account.move"])
        return candidates

    def _record_failure(self, error, invoices):
        """Log the failure of the source and queue it as a fallout of its
        order, when the ``invoices`` found for it tell the order."""
        self.ensure_one()
        _logger.warning("Cash application of %s failed: %s", self, error)
        self.write(
            {
                "state": "error",
                "message": str(error),
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "order_id": invoices.line_ids.sale_line_ids.order_id[:1].id,
            }
        )
        if self.order_id:
            self.env["oms.fallout"]._report(self.order_id, "cash_application", error)

    def _get_source_values(self):
        """Partner, date, label and amount of the source, in company currency
        (``amount``) and in its own currency (``currency``,
        ``amount_currency``)."""
        self.ensure_one()
        if self.statement_line_id:
            line = self.statement_line_id
            liquidity = line._seek_for_lines()[0]
            # The currency account_reconcile_oca reconciles the line in.
            currency = line._get_reconcile_currency()
            if line.foreign_currency_id:
                amount_currency = line.amount_currency
            elif currency == line.company_id.currency_id:
                amount_currency = sum(liquidity.mapped("balance"))
            else:
                amount_currency = line.amount
            return {
                "partner": line.partner_id,
                "date": line.date,
                "label": " ".join(filter(None, [line.payment_ref, line.ref])),
                "amount": sum(liquidity.mapped("balance")),
                "currency": currency,
                "amount_currency": amount_currency,
            }
        payment = self.payment_id
        return {
            "partner": payment.partner_id,
            "date": payment.date,
            "label": payment.memo or "",
            "amount": payment.amount_company_currency_signed,
            "currency": payment.currency_id,
            "amount_currency": payment.amount,
        }

    def _check_lock_date(self, date):
        company = self.company_id
        violations = company._get_lock_date_violations(
            date, fiscalyear=True, sale=False, purchase=False, tax=False, hard=True
        )
        if violations:
            raise UserError(
                self.env._(
                    "Cash of %(date)s cannot be applied: the period is closed "
                    "(%(locks)s). Reopen the period or apply the cash in an "
                    "open period.",
                    date=fields.Date.to_string(date),
                    locks=company._format_lock_dates(violations),
                )
            )

    def _apply(self, source, invoices):
        """Reconcile one source with the ``invoices`` found for it, deciding
        in their currency. Raises on failure; the caller's savepoint then
        undoes everything."""
        self.ensure_one()
        source_record = self.statement_line_id or self.payment_id
        if source_record.is_reconciled:
            self._apply_reconciled(source)
            return
        company = self.company_id
        currency = self._get_document_currency(source, invoices)
        amount = self._get_amount_in_currency(source, currency, company)
        values = {
            "partner_id": source["partner"].id or invoices.commercial_partner_id[:1].id,
            "date": source["date"],
            "reference": source["label"],
            "amount": source["amount"],
            "document_currency_id": currency.id,
            "amount_currency": amount,
            "message": False,
            "invoice_ids": [fields.Command.set(invoices.ids)],
            "order_id": invoices.line_ids.sale_line_ids.order_id[:1].id,
        }
        if not invoices:
            values.update(state="unmatched")
            values.update(self._prepare_amount_values(source, amount, 0.0))
            self.write(values)
            return
        self.write(values)
        self._check_lock_date(source["date"])
        due, due_now = self._get_amounts_due(invoices, source["date"], currency)
        if self.statement_line_id:
            self._reconcile_statement_line(invoices, currency, amount)
        else:
            self._reconcile_payment(invoices)
        difference = currency.round(amount - due)
        shortfall = currency.round(due_now - amount)
        values = self._prepare_amount_values(source, amount, min(amount, due))
        if currency.is_zero(difference) or (difference < 0 and shortfall <= 0):
            # Paid in full, or every instalment due so far.
            values.update(
                state="matched", amount_unapplied=0.0, amount_unapplied_currency=0.0
            )
        elif difference > 0:
            values.update(state="unapplied")
        else:
            deductions = self.env["oms.payment.deduction"]._create_from_invoices(
                self._allocate_shortfall(invoices, shortfall, currency), self
            )
            values.update(
                state="short",
                amount_unapplied=0.0,
                amount_unapplied_currency=0.0,
                deduction_id=deductions[:1].id,
            )
        self.write(values)

    def _apply_reconciled(self, source):
        """Log a source reconciled outside the cash application (by hand or
        by a reconciliation model) as matched, with the invoices it paid."""
        source_record = self.statement_line_id or self.payment_id
        receivable = source_record.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        invoices = (
            receivable.matched_debit_ids.debit_move_id.move_id
            | receivable.matched_credit_ids.credit_move_id.move_id
        ).filtered(lambda move: move.move_type == "out_invoice")
        currency = self._get_document_currency(source, invoices)
        amount = self._get_amount_in_currency(source, currency, self.company_id)
        self.write(
            {
                "partner_id": source["partner"].id
                or invoices.commercial_partner_id[:1].id,
                "date": source["date"],
                "reference": source["label"],
                "amount": source["amount"],
                "document_currency_id": currency.id,
                "amount_currency": amount,
                "invoice_ids": [fields.Command.set(invoices.ids)],
                "order_id": invoices.line_ids.sale_line_ids.order_id[:1].id,
                "state": "matched",
                "message": self.env._("Reconciled outside the cash application."),
                **self._prepare_amount_values(source, amount, amount),
            }
        )

    def _prepare_amount_values(self, source, amount, applied):
        """Applied and unapplied cash, in document currency (``amount`` is
        the cash in it) and in company currency at the cash's own rate."""
        ratio = applied / amount if amount else 0.0
        applied_company = self.currency_id.round(source["amount"] * ratio)
        return {
            "amount_applied_currency": applied,
            "amount_unapplied_currency": amount - applied,
            "amount_applied": applied_company,
            "amount_unapplied": source["amount"] - applied_company,
        }

    def _reconcile_statement_line(self, invoices, currency, amount):
        """Reconcile through account_reconcile_oca, as its widget does: add
        the invoices' receivable lines as counterparts, then validate. A
        remainder goes to the partner's receivable (unapplied cash).

        :param currency: the currency the cash is decided in
        :param amount: the cash in ``currency``
        """
        st_line = self.statement_line_id
        if not st_line.partner_id:
            st_line.partner_id = invoices.commercial_partner_id[:1]
        # A clean proposal, without the reconciliation models' suggestions
        # (which may reconcile on their own): the matcher decides.
        st_line.reconcile_data_info = st_line._default_reconcile_data(
            from_unreconcile=True
        )
        # Instalments by due date, as long as cash remains: a line added with
        # nothing left to apply would be taken in full.
        remaining = amount
        for line in self._get_receivable_lines(invoices):
            if currency.compare_amounts(remaining, 0.0) <= 0:
                break
            st_line._add_account_move_line(line)
            remaining -= self._get_residual(line, currency)
        if not st_line.can_reconcile and st_line.partner_id:
            # Overpayment: without its suspense line, account_reconcile_oca
            # proposes the remainder on the partner's receivable.
            data = st_line.reconcile_data_info
            st_line.reconcile_data_info = st_line._recompute_suspense_line(
                [line for line in data["data"] if line["kind"] != "suspense"],
                data["reconcile_auxiliary_id"],
                data.get("manual_reference"),
            )
            st_line.can_reconcile = st_line.reconcile_data_info["can_reconcile"]
        if not st_line.can_reconcile:
            raise UserError(
                self.env._(
                    "Statement line %s cannot be reconciled with the invoices found.",
                    st_line.display_name,
                )
            )
        st_line.reconcile_bank_line()

    def _reconcile_payment(self, invoices):
        payment_lines = self.payment_id.move_id.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        )
        for invoice in self._sort_oldest_first(invoices):
            open_lines = payment_lines.filtered(lambda line: not line.reconciled)
            if not open_lines:
                break
            invoice.js_assign_outstanding_line(open_lines[0].id)

    @api.model
    def _cron_run(self):
        for company in self.env["res.company"].search([]):
            self.with_company(company).with_context(
                allowed_company_ids=company.ids
            ).action_run()
