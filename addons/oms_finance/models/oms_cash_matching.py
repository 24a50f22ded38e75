# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, models
from odoo.osv import expression

# Separators between the references of a bank label or payment memo; "/" and
# "-" stay inside tokens as invoice numbers and PO numbers use them.
REFERENCE_SPLIT = re.compile(r"[\s,;:()]+")


class OmsCashMatching(models.AbstractModel):
    """How cash finds the open invoices it pays and what it owes them:
    references of the bank label or payment memo (invoice number, payment
    reference, customer PO, order number), else the single open invoice of
    the same amount; amounts due and shortfalls in the invoices' currency.
    Inherited by ``oms.cash.application``."""

    _name = "oms.cash.matching"
    _description = "OMS Cash Matching"

    @api.model
    def _get_invoice_domain(self, company, partner, tokens):
        domain = [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        if partner:
            domain.append(
                ("commercial_partner_id", "=", partner.commercial_partner_id.id)
            )
        if tokens is not None:
            domain = expression.AND(
                [
                    domain,
                    expression.OR(
                        [
                            [("name", "in", tokens)],
                            [("payment_reference", "in", tokens)],
                            [("ref", "in", tokens)],
                            [("invoice_origin", "in", tokens)],
                        ]
                    ),
                ]
            )
        return domain

    @api.model
    def _get_invoice_references(self, invoice):
        """References of ``invoice`` a label may quote: the fields
        :meth:`_get_invoice_domain` searches the label's tokens in."""
        return {
            invoice.name,
            invoice.payment_reference,
            invoice.ref,
            invoice.invoice_origin,
        }

    @api.model
    def _get_reference_tokens(self, label):
        tokens = {token.strip(".") for token in REFERENCE_SPLIT.split(label or "")}
        return [token for token in tokens if len(token) > 2]

    @api.model
    def _get_match_candidates(self, company, sources):
        """Everything ``sources`` (values of :meth:`_get_source_values`) may
        be matched with in ``company``, one search per kind: open invoices
        and orders named by a reference of any label, and open invoices of
        the sources' customers for the same-amount match.

        Sources are applied one after the other, so :meth:`_find_invoices`
        re-checks these candidates in memory (an earlier source may have
        paid an invoice); open amounts only go down during a run, so an
        invoice open for less than every source amount is left out.
        """
        Move = self.env["account.move"]
        tokens = sorted(
            {
                token
                for source in sources
                for token in self._get_reference_tokens(source["label"])
            }
        )
        partners = self.env["res.partner"].union(
            *(source["partner"] for source in sources)
        )
        candidates = {
            "invoices": Move,
            "orders": self.env["sale.order"],
            "same_amount": Move,
        }
        if tokens:
            candidates["invoices"] = Move.search(
                self._get_invoice_domain(company, None, tokens),
                order="invoice_date_due, id",
            )
            candidates["orders"] = self.env["sale.order"].search(
                [("company_id", "=", company.id), ("name", "in", tokens)]
            )
        if partners:
            # No bound on the amount: invoices and cash may be in other
            # currencies, compared in the invoice's by _find_invoices.
            candidates["same_amount"] = Move.search(
                self._get_invoice_domain(company, None, None)
                + [
                    (
                        "commercial_partner_id",
                        "in",
                        partners.commercial_partner_id.ids,
                    ),
                ]
            )
        return candidates

    def _find_invoices(self, company, source, candidates=None):
        """Open invoices the cash pays: those whose number, payment
        reference, customer reference or order reference is in the label
        (for an order: its open invoices oldest first, as far as the cash
        reaches); else, with a known partner, the single open invoice of that
        amount in its currency.

        :param source: values of :meth:`_get_source_values`
        :param candidates: result of :meth:`_get_match_candidates` for a
            batch of sources including this one (searched when not given)
        """
        if candidates is None:
            candidates = self._get_match_candidates(company, [source])
        partner = source["partner"]
        tokens = set(self._get_reference_tokens(source["label"]))
        open_domain = self._get_invoice_domain(company, partner, None)
        invoices = self.env["account.move"]
        if tokens:
            named = candidates["invoices"].filtered_domain(open_domain)
            shared = self.env["account.move"]
            for token in tokens:
                by_token = named.filtered(
                    lambda move, tok=token: tok in self._get_invoice_references(move)
                )
                # A reference of one invoice names it; one shared by several
                # (order number, customer PO) names the order's invoices.
                if len(by_token) == 1:
                    invoices |= by_token
                else:
                    shared |= by_token
            orders = candidates["orders"].filtered(lambda o: o.name in tokens)
            shared |= orders.invoice_ids.filtered_domain(open_domain)
            invoices |= self._get_covered_invoices(
                shared - invoices, source, company, invoices
            )
        if not invoices and partner:
            same_amount = (
                candidates["same_amount"]
                .filtered_domain(open_domain)
                .filtered(
                    lambda move: (
                        not move.currency_id.compare_amounts(
                            move.amount_residual,
                            self._get_amount_in_currency(
                                source, move.currency_id, company
                            ),
                        )
                    )
                )
            )
            invoices = same_amount if len(same_amount) == 1 else invoices
        return invoices

    @api.model
    def _get_amount_in_currency(self, source, currency, company):
        """The cash of ``source`` in ``currency``: its own amount when it is
        in that currency, else its company amount at the rate of its date."""
        if currency == source["currency"]:
            return source["amount_currency"]
        if currency == company.currency_id:
            return source["amount"]
        return company.currency_id._convert(
            source["amount"], currency, company, source["date"]
        )

    @api.model
    def _sort_oldest_first(self, invoices):
        return invoices.sorted(
            lambda m: (m.invoice_date_due or m.invoice_date or m.date, m.id)
        )

    @api.model
    def _get_covered_invoices(self, invoices, source, company, named=None):
        """The open ``invoices`` an order-level reference names that the cash
        settles, after the invoices ``named`` one by one: the one open for
        exactly the cash, else oldest first as far as the cash reaches. A
        wire paying the first of two invoices of an order pays that one, and
        is not short on the other."""
        covered = self.env["account.move"]
        for currency, group in invoices.grouped("currency_id").items():
            remaining = self._get_amount_in_currency(source, currency, company)
            # What the invoices named one by one take first (in practice in
            # the same currency: the customer's).
            remaining -= sum(
                (named or invoices.browse())
                .filtered(lambda m, cur=currency: m.currency_id == cur)
                .mapped("amount_residual")
            )
            # The one invoice open for exactly the cash is what it settles.
            exact = group.filtered(
                lambda m, cur=currency, rest=remaining: (
                    not cur.compare_amounts(m.amount_residual, rest)
                )
            )
            if len(exact) == 1:
                covered |= exact
                continue
            for invoice in self._sort_oldest_first(group):
                if currency.compare_amounts(remaining, 0.0) <= 0:
                    break
                covered |= invoice
                remaining -= invoice.amount_residual
        return covered

    @api.model
    def _get_document_currency(self, source, invoices):
        """The invoices' currency (the company's when they mix currencies),
        the cash's own when there is no invoice."""
        if not invoices:
            return source["currency"]
        currency = invoices.currency_id
        return currency if len(currency) == 1 else invoices.company_currency_id[:1]

    @api.model
    def _get_residual(self, line, currency):
        """Open amount of the receivable ``line`` in ``currency``."""
        if line.currency_id == currency:
            return line.amount_residual_currency
        if currency == line.company_currency_id:
            return line.amount_residual
        return line.company_currency_id._convert(
            line.amount_residual, currency, line.company_id, line.date
        )

    @api.model
    def _get_amounts_due(self, invoices, date, currency):
        """Open amount of ``invoices`` in ``currency``, in total and due by
        ``date`` (at least their first instalment): paying the instalments
        due is not a short payment."""
        lines = self._get_receivable_lines(invoices)
        maturities = [line.date_maturity or line.date for line in lines]
        cutoff = max(date, min(maturities)) if maturities else date
        residuals = [self._get_residual(line, currency) for line in lines]
        due_now = sum(
            residual
            for residual, maturity in zip(residuals, maturities, strict=True)
            if maturity <= cutoff
        )
        return sum(residuals), due_now

    @api.model
    def _allocate_shortfall(self, invoices, shortfall, currency):
        """[(invoice, amount in invoice currency)]: the ``shortfall`` (in
        ``currency``) charged to the invoices the cash left open, newest
        first. Called after reconciliation: an invoice paid in full has
        nothing open and is never charged."""
        allocation = []
        for invoice in self._sort_oldest_first(invoices).filtered(
            lambda m: not m.currency_id.is_zero(m.amount_residual)
        )[::-1]:
            if currency.compare_amounts(shortfall, 0.0) <= 0:
                break
            if invoice.currency_id == currency:
                rate = 1.0
            else:
                rate = invoice.amount_residual / abs(invoice.amount_residual_signed)
            amount = min(invoice.amount_residual, shortfall * rate)
            allocation.append((invoice, invoice.currency_id.round(amount)))
            shortfall -= amount / rate
        return allocation

    @api.model
    def _get_receivable_lines(self, invoices):
        return invoices.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        ).sorted(lambda line: (line.date_maturity or line.date, line.id))
