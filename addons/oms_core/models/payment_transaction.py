# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import SUPERUSER_ID, api, fields, models

# Days an authorization stays good for capture when the company does not say
# (card schemes keep most authorizations about a week).
DEFAULT_AUTHORIZATION_DAYS = 7
PREPAYMENT_CHECK = "_oms_check_payment_authorized"


class PaymentTransaction(models.Model):
    """The payment of an order on prepaid terms is a condition the OMS keeps
    checking: every state a transaction reaches (pending, authorized, done,
    cancelled or voided, error) re-examines the prepayment holds of its
    orders, which are released, raised again or told what happened."""

    _inherit = "payment.transaction"

    # Transition points of the prepayment holds

    def _set_pending(self, *args, **kwargs):
        txs = super()._set_pending(*args, **kwargs)
        txs._oms_payment_changed()
        return txs

    def _set_authorized(self, *args, **kwargs):
        txs = super()._set_authorized(*args, **kwargs)
        txs._oms_payment_changed()
        return txs

    def _set_done(self, *args, **kwargs):
        txs = super()._set_done(*args, **kwargs)
        txs._oms_payment_changed()
        return txs

    def _set_canceled(self, *args, **kwargs):
        txs = super()._set_canceled(*args, **kwargs)
        txs._oms_payment_changed()
        return txs

    def _set_error(self, *args, **kwargs):
        txs = super()._set_error(*args, **kwargs)
        txs._oms_payment_changed()
        return txs

    def _invoice_sale_orders(self):
        # One answer to "when is this order invoiced": Odoo's online-payment
        # invoicing skips the orders the OMS would not invoice now (held, or
        # their invoice policy says "not yet").
        txs = self.sudo()
        blocked = txs._oms_get_orders()._oms_get_not_invoiceable()
        skipped = txs.filtered(lambda tx: tx.sale_order_ids & blocked)
        for order in blocked:
            order.message_post(
                body=self._oms_get_not_invoiced_note(order),
                subtype_xmlid="mail.mt_note",
            )
        return super(PaymentTransaction, self - skipped)._invoice_sale_orders()

    @api.model
    def _oms_get_not_invoiced_note(self, order):
        if order.oms_on_hold:
            return self.env._(
                "Paid online, not invoiced automatically: the order is on "
                "hold. It is invoiced once released."
            )
        return self.env._(
            "Paid online, not invoiced automatically: the order is invoiced "
            "when its invoice policy says (e.g. on shipment or at the "
            "scheduled invoicing run); the payment waits on the customer's "
            "account as an outstanding credit for that invoice."
        )

    def _oms_get_orders(self):
        """Confirmed orders paid by these transactions (partial captures and
        voids are children of the order's transaction)."""
        txs = self.sudo()
        orders = txs.sale_order_ids | txs.source_transaction_id.sale_order_ids
        return orders.filtered(lambda o: o.state == "sale")

    def _oms_payment_changed(self):
        orders = self._oms_get_orders()
        if not orders:
            return
        # Providers notify through a public route: what follows is the system
        # acting on the transaction (holds released or raised, chatter,
        # deliveries), not the anonymous visitor.
        system = self.with_user(SUPERUSER_ID).sudo()
        orders = orders.with_user(SUPERUSER_ID).sudo()
        for company, company_orders in orders.grouped("company_id").items():
            system.with_company(company)._oms_recheck_prepayment(
                company_orders.with_company(company), transactions=system
            )
            company_orders.with_company(company)._oms_recheck_auto_release_holds()

    # Prepayment holds

    @api.model
    def _oms_get_prepayment_rules(self, orders):
        return orders._oms_get_rules("confirm").filtered(
            lambda r: r.check_method == PREPAYMENT_CHECK
        )

    @api.model
    def _oms_get_unpaid(self, orders):
        """``{order: rule}``: the orders among ``orders`` whose required
        prepayment is not covered now, with the rule that requires it."""
        unpaid = {}
        for rule in self._oms_get_prepayment_rules(orders):
            for order in rule._match(orders.filtered(lambda o: o not in unpaid)):
                unpaid[order] = rule
        return unpaid

    @api.model
    def _oms_recheck_prepayment(self, orders, transactions=None, cron=False):
        """Keep the prepayment holds of the confirmed, not yet shipped
        ``orders`` true to their payment: release those a payment now covers
        (automatic release, with the transaction reference), hold again those
        no payment covers any more, with what happened and what to do, and
        hold back their open deliveries.

        :param cron: a periodic re-check, not a payment event: orders whose
            last prepayment hold a person released keep going (their decision)
        :returns: the holds raised
        """
        Hold = self.env["oms.order.hold"]
        orders = orders.filtered(
            lambda o: o.state == "sale" and not o._oms_is_fulfilled()
        )
        if not orders:
            return Hold
        rules = self._oms_get_prepayment_rules(orders)
        if not rules:
            return Hold
        unpaid = self._oms_get_unpaid(orders)
        holds = orders.oms_hold_ids.filtered(
            lambda h: h.state == "active" and h.rule_id in rules
        )
        covered = holds.filtered(lambda h: h.order_id not in unpaid and h.auto_release)
        if covered:
            refs = ", ".join((transactions or self).mapped("reference"))
            covered._release(
                self.env._("Payment %s covers the prepayment.", refs)
                if refs
                else self.env._("A payment covers the prepayment."),
                automatic=True,
            )
        for hold in holds - covered:
            reason = self._oms_get_prepayment_reason(hold.order_id)
            if hold.message != reason:
                hold.message = reason
        to_hold = [order for order in unpaid if order not in holds.order_id]
        if cron:
            waived = Hold._oms_get_waived_orders(orders, rules)
            to_hold = [order for order in to_hold if order not in waived]
        raised = Hold._oms_raise(
            [
                Hold._oms_prepare_rule_hold_vals(unpaid[order], order, "hold")
                for order in to_hold
            ]
        )
        raised._oms_hold_back_deliveries()
        return raised

    @api.model
    def _oms_get_prepayment_reason(self, order):
        """What happened to the prepayment of ``order`` and what the customer
        or the back office can do, for its hold and chatter."""
        txs = order.sudo().transaction_ids.sorted("id")
        last = txs[-1:]
        total = order.currency_id.format(order.amount_total)
        pay_again = self.env._(
            "The customer pays again from the portal (or a new payment link); "
            "the back office may also register a payment. The hold lifts by "
            "itself once a payment is authorized."
        )
        if not last:
            return self.env._(
                "Prepayment terms: no payment of %(total)s received yet. %(todo)s",
                total=total,
                todo=pay_again,
            )
        covered = self._oms_get_covered_amounts(order)[order]
        values = {
            "ref": last.reference,
            "detail": last.state_message or "",
            "total": total,
            "todo": pay_again,
        }
        if last.state == "cancel":
            return self.env._(
                "Payment %(ref)s was cancelled or its authorization voided "
                "%(detail)s. %(todo)s",
                **values,
            )
        if last.state == "error":
            return self.env._(
                "Payment %(ref)s failed (capture or authorization refused) "
                "%(detail)s. Retry the capture or: %(todo)s",
                **values,
            )
        if last.state == "pending":
            return self.env._(
                "Payment %(ref)s is pending at the provider; the hold lifts by "
                "itself when the provider confirms it.",
                **values,
            )
        if last.state == "authorized" and not covered:
            return self.env._(
                "The authorization %(ref)s expired before capture. %(todo)s",
                **values,
            )
        if covered:
            return self.env._(
                "%(covered)s of %(total)s is authorized or paid: the customer "
                "still owes %(rest)s before the order is released.",
                covered=order.currency_id.format(covered),
                total=total,
                rest=order.currency_id.format(order.amount_total - covered),
            )
        return self.env._(
            "Prepayment terms: awaiting an authorized payment of %(total)s. %(todo)s",
            **values,
        )

    @api.model
    def _oms_get_authorization_limit(self):
        """Authorizations given before this moment have expired."""
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "oms_core.authorization_validity_days", DEFAULT_AUTHORIZATION_DAYS
            )
            or 0
        )
        if days <= 0:
            return datetime.datetime.min
        return fields.Datetime.now() - datetime.timedelta(days=days)

    @api.model
    def _oms_get_covered_amounts(self, orders, captured_only=False):
        """``{order: amount}`` of ``orders`` covered by a payment, in the
        order's currency: captured transactions and (unless
        ``captured_only``) authorizations not expired, or what the order's
        invoices received, whichever is more (a captured payment is also
        reconciled with the invoice: never counted twice)."""
        if not orders:
            return {}
        limit = self._oms_get_authorization_limit()
        # Payment data of the customer, read for the check only.
        orders = orders.sudo()
        result = {}
        # Orders without any transaction (their own stored flag) skip reading
        # them: one query fewer at each step of their money.
        for order in orders:
            txs = order.transaction_ids if order.oms_has_transaction else ()
            from_txs = sum(
                self._oms_get_tx_covered(tx, captured_only, limit) for tx in txs
            )
            invoices = order._oms_get_posted_invoices()
            from_invoices = sum(
                inv.amount_total - inv.amount_residual for inv in invoices
            )
            result[order] = max(from_txs, from_invoices)
        return result

    @api.model
    def _oms_get_tx_covered(self, tx, captured_only, limit):
        # Partial captures and voids are children of the transaction.
        children = tx.child_transaction_ids.filtered(
            lambda c: c.operation == tx.operation
        )
        captured = sum(children.filtered(lambda c: c.state == "done").mapped("amount"))
        if tx.state == "done":
            return tx.amount
        if tx.state != "authorized":
            return captured
        if captured_only or (tx.last_state_change or tx.create_date) < limit:
            return captured
        voided = sum(children.filtered(lambda c: c.state == "cancel").mapped("amount"))
        return tx.amount - voided
