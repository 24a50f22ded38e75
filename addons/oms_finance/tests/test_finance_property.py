# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order-to-cash property test in three currencies (issue 17).

Size and seed come from the environment: ``OMS_PROPERTY_ORDERS`` (default
60, a couple of minutes here) and ``OMS_PROPERTY_SEED``; the test log tells
both and the time taken.
"""

import logging
import time
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import float_compare

from .common_cash import OmsCashCommon
from .common_property import OmsPropertyCommon

_logger = logging.getLogger(__name__)

# Company units per foreign unit move between invoicing and payment: every
# foreign settlement posts an exchange difference.
RATES = {"invoice": (0.5, 0.4), "payment": (0.45, 0.42)}


@tagged("post_install", "-at_install")
class TestFinanceProperty(OmsPropertyCommon, OmsCashCommon):
    """Random orders in the company currency and two foreign ones, with
    partial deliveries, returns, credit notes by amount and by quantity,
    cancellations, full, short and over payments applied from bank lines
    and payments, deductions accepted, written off or disputed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pay_date = cls.today + relativedelta(days=5)
        foreign = (
            cls.env.ref("base.USD") | cls.env.ref("base.EUR") | cls.env.ref("base.GBP")
        ) - cls.currency
        cls.foreign = foreign[:2]
        cls.foreign.active = True
        rates = []
        for index, currency in enumerate(cls.foreign):
            for key, date in (("invoice", cls.today), ("payment", cls.pay_date)):
                rates.append(
                    {
                        "currency_id": currency.id,
                        "company_id": cls.company.id,
                        "name": date,
                        "rate": RATES[key][index],
                    }
                )
        cls.env["res.currency.rate"].create(rates)
        cls.pricelists = cls.env["product.pricelist"].create(
            [
                {"name": f"OMS {currency.name}", "currency_id": currency.id}
                for currency in cls.currency | cls.foreign
            ]
        )
        cls.company.oms_cash_tolerance = 0.0

    # SCENARIO

    def _random_order_vals(self):
        return {"pricelist_id": self.rng.choice(self.pricelists).id}

    def _invoiced_orders(self, orders):
        return orders.filtered(
            lambda o: o.state == "sale" and o._oms_get_credit_balance() > 1
        )

    def _random_credit_notes(self, orders):
        """Credit notes by amount and quantity, and attempts to credit more
        than invoiced, which must be refused without writing anything."""
        reason = self.reason_credit
        for order in self._invoiced_orders(orders):
            draw = self.rng.random()
            if draw > 0.3:
                continue
            balance = order._oms_get_credit_balance()
            if draw < 0.12:
                amount = round(balance * self.rng.uniform(0.05, 0.4), 2)
                order._oms_create_credit_note(reason, amount=amount)
                with self.assertRaises(UserError):
                    order._oms_create_credit_note(
                        reason, amount=order._oms_get_credit_balance() + 1
                    )
                continue
            lines = order.order_line.filtered(lambda sl: sl.qty_invoiced >= 1)
            if not lines:
                continue
            line = self.rng.choice(lines)
            qty = self.rng.randint(1, int(line.qty_invoiced))
            kind = self.rng.choice(["price_adjustment", "deduction", "return"])
            price = line.price_unit * (1 - line.discount / 100.0)
            if order.currency_id.compare_amounts(qty * price, balance) > 0:
                # An earlier credit by amount took part of these units.
                with self.assertRaises(UserError):
                    order._oms_create_credit_note(reason, line_qtys={line: qty})
                continue
            order._oms_create_credit_note(reason, line_qtys={line: qty}, kind=kind)
            # The same units again: refused.
            with self.assertRaises(UserError):
                order._oms_create_credit_note(
                    reason, line_qtys={line: line.qty_invoiced + 1}
                )

    def _random_cash(self, orders):
        """A payment or bank line for most open invoices, in the invoice's
        currency at the payment date's rate, quoting the invoice or (when it
        is the order's only open invoice, or paid in full) the order.

        :returns: ``{source: (invoice, kind)}``, kind full/short/over
        """
        invoices = orders.invoice_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
            )
        )
        intents = {}
        line_vals, payment_vals, keys = [], [], []
        for invoice in invoices:
            draw = self.rng.random()
            if draw < 0.12:
                continue
            kind = "full" if draw < 0.7 else "short" if draw < 0.88 else "over"
            factor = {
                "full": 1.0,
                "short": self.rng.uniform(0.7, 0.95),
                "over": self.rng.uniform(1.05, 1.2),
            }[kind]
            currency = invoice.currency_id
            amount = currency.round(invoice.amount_residual * factor)
            order = invoice.line_ids.sale_line_ids.order_id[:1]
            open_invoices = order.invoice_ids.filtered(lambda m, inv=invoices: m in inv)
            # The order number names this invoice alone when its open amount
            # is the only one of that amount (or the order's only one).
            unique = not any(
                not currency.compare_amounts(other.amount_residual, amount)
                for other in open_invoices - invoice
            )
            by_order = (
                (kind == "full" and unique) or len(open_invoices) == 1
            ) and self.rng.random() < 0.4
            label = f"REMIT {order.name if by_order else invoice.name}"
            if self.rng.random() < 0.5:
                vals = {
                    "journal_id": self.bank_journal.id,
                    "date": self.pay_date,
                    "payment_ref": label,
                    "partner_id": invoice.partner_id.id,
                    "amount": currency._convert(
                        amount, self.currency, self.company, self.pay_date
                    ),
                }
                if currency != self.currency:
                    vals.update(foreign_currency_id=currency.id, amount_currency=amount)
                line_vals.append(vals)
                keys.append(("line", invoice, kind))
            else:
                payment_vals.append(
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": invoice.partner_id.id,
                        "amount": amount,
                        "currency_id": currency.id,
                        "memo": label,
                        "journal_id": self.bank_journal.id,
                        "date": self.pay_date,
                    }
                )
                keys.append(("payment", invoice, kind))
        lines = self.env["account.bank.statement.line"].create(line_vals)
        payments = self.env["account.payment"].create(payment_vals)
        payments.action_post()
        sources = iter(lines), iter(payments)
        for source_type, invoice, kind in keys:
            source = next(sources[0] if source_type == "line" else sources[1])
            intents[source] = (invoice, kind)
        return intents

    def _settle_deductions(self, deductions):
        for deduction in deductions:
            draw = self.rng.random()
            if draw < 0.4:
                deduction.action_accept()
            elif draw < 0.7:
                deduction.action_write_off()
            elif draw < 0.9:
                deduction.action_dispute()

    def _timed(self, timings, name, function, *args):
        started = time.time()
        result = function(*args)
        timings[name] = timings.get(name, 0.0) + time.time() - started
        return result

    def test_order_to_cash_properties(self):
        started = time.time()
        timings = {}
        orders = self._timed(timings, "orders", self._random_orders)
        cancelled = orders.filtered(lambda o: self.rng.random() < 0.08)
        cancelled.action_cancel()
        self._timed(timings, "confirm", (orders - cancelled).action_confirm)
        self._timed(timings, "deliver", self._deliver_randomly, orders)
        self._timed(timings, "invoice", self._run_invoicing, orders)
        self._timed(timings, "credit", self._random_credit_notes, orders)
        self._timed(timings, "deliver", self._deliver_randomly, orders)
        self._timed(timings, "return", self._random_returns, orders)
        self._cancel_some_unshipped(orders)
        self._timed(timings, "invoice", self._run_invoicing, orders)
        self._timed(timings, "credit", self._random_credit_notes, orders)
        intents = self._timed(timings, "cash", self._random_cash, orders)
        sources = list(intents)
        Line = self.env["account.bank.statement.line"]
        Payment = self.env["account.payment"]
        lines = Line.union(*(s for s in sources if s._name == Line._name))
        payments = Payment.union(*(s for s in sources if s._name == Payment._name))
        applications = self._timed(
            timings, "apply", self.application._run, lines, payments
        )
        self._timed(
            timings, "deductions", self._settle_deductions, applications.deduction_id
        )
        self._timed(timings, "check", self._assert_invoiced_once, orders)
        self._timed(timings, "check", self._assert_never_over_credited, orders)
        self._timed(timings, "check", self._assert_cash_applied, intents, applications)
        self._timed(timings, "check", self._assert_ar_equals_gl)
        self._timed(timings, "check", self._assert_tieout_zero)
        self._timed(
            timings,
            "rerun",
            self._assert_rerun_creates_nothing,
            orders,
            lines,
            payments,
            applications,
        )
        _logger.info(
            "Finance property test: %s orders, seed %s, %s applications, "
            "%s deductions, %.0f s (%s)",
            self.n_orders,
            self.seed,
            len(applications),
            len(applications.deduction_id),
            time.time() - started,
            ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings.items()),
        )

    # PROPERTIES

    def _assert_invoiced_once(self, orders):
        """Every delivered unit (net of returns) invoiced once, net of
        credit notes that take goods back; nothing left to invoice."""
        self.assertGreater(len(orders.invoice_ids), self.n_orders // 3)
        for line in orders.order_line.filtered(lambda sl: sl.state == "sale"):
            # Units credited and kept count as invoiced (a return of them
            # later is not refunded twice).
            credited = min(line._oms_get_qty_credited(), line.qty_delivered)
            invoiced = line.qty_invoiced + credited
            self.assertEqual(
                float_compare(invoiced, line.qty_delivered, precision_digits=3),
                0,
                f"{line.order_id.name} {line.product_id.name}: invoiced "
                f"{invoiced} for {line.qty_delivered} delivered",
            )
            self.assertFalse(line.qty_to_invoice, line.order_id.name)

    def _assert_never_over_credited(self, orders):
        for order in orders:
            self.assertGreaterEqual(
                order.currency_id.compare_amounts(order._oms_get_credit_balance(), 0),
                0,
                f"{order.name} credited beyond what it invoiced: "
                + "; ".join(
                    f"{m.name} {m.move_type} {m.oms_credit_kind or ''} {m.state} "
                    f"{m.amount_untaxed} return={bool(m.oms_return_request_id)} "
                    f"lines={m.invoice_line_ids.mapped(lambda a: (a.quantity, a.price_subtotal, a.sale_line_ids.ids))}"  # noqa: E501
                    for m in order.invoice_ids | order.oms_credit_note_ids
                ),
            )
            for line in order.order_line:
                moves = line.invoice_lines.filtered(
                    lambda aml: aml.move_id.state != "cancel"
                )
                invoiced = sum(
                    moves.filtered(
                        lambda aml: aml.move_id.move_type == "out_invoice"
                    ).mapped("quantity")
                )
                credited = sum(
                    moves.filtered(
                        lambda aml: aml.move_id.move_type == "out_refund"
                    ).mapped("quantity")
                )
                self.assertLessEqual(credited, invoiced + 0.001, line.order_id.name)

    def _assert_cash_applied(self, intents, applications):
        by_source = {
            (app.statement_line_id or app.payment_id): app for app in applications
        }
        deductions = self.env["oms.payment.deduction"].search(
            [("invoice_id", "in", [inv.id for inv, _kind in intents.values()])]
        )
        charged = defaultdict(lambda: self.env["oms.payment.deduction"])
        for deduction in deductions:
            charged[deduction.invoice_id] |= deduction
        counts = defaultdict(int)
        for source, (invoice, kind) in intents.items():
            app = by_source[source]
            counts[(kind, invoice.currency_id != self.currency)] += 1
            self.assertIn(invoice, app.invoice_ids, app.reference)
            expected = {"full": "matched", "short": "short", "over": "unapplied"}
            self.assertEqual(app.state, expected[kind], f"{app.reference} {kind}")
            if kind != "short":
                # Paid in full: never a deduction.
                self.assertFalse(charged[invoice], f"{invoice.name} paid in full")
                self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            else:
                self.assertEqual(charged[invoice], app.deduction_id)
        self.assertTrue(counts[("full", True)], "no full foreign payment drawn")

    def _assert_ar_equals_gl(self):
        """Per customer and currency, the open items (subledger) equal the
        ledger balance, in company and in document currency."""
        groups = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for aml in self._receivable_lines():
            totals = groups[(aml.partner_id, aml.currency_id)]
            totals[0] += aml.balance
            totals[1] += aml.amount_currency
            if not aml.reconciled:
                totals[2] += aml.amount_residual
                totals[3] += aml.amount_residual_currency
        company_total = sum(totals[0] for totals in groups.values())
        open_total = sum(totals[2] for totals in groups.values())
        self.assertAlmostEqual(company_total, open_total, places=2)
        for (partner, currency), totals in groups.items():
            self.assertFalse(
                currency.compare_amounts(totals[1], totals[3]),
                f"{partner.name} {currency.name}: ledger {totals[1]}, open {totals[3]}",
            )

    def _assert_tieout_zero(self):
        tieout = self.env["oms.ar.tieout"].create(
            {"company_id": self.company.id, "date_to": self.pay_date}
        )
        tieout.action_compute()
        self.assertAlmostEqual(tieout.difference, 0.0, places=2)
        mine = tieout.line_ids.filtered(
            lambda line: line.move_line_id.partner_id in self.customers
        )
        self.assertFalse(mine.mapped("issue"))

    def _assert_rerun_creates_nothing(self, orders, lines, payments, applications):
        Move = self.env["account.move"]
        moves_before = Move.search_count([])
        states = {app: app.state for app in applications}
        deductions = self.env["oms.payment.deduction"].search_count([])
        self.assertFalse(self._run_invoicing(orders))
        again = self.application._run(lines, payments)
        self.assertLessEqual(again, applications)
        self.assertEqual(Move.search_count([]), moves_before)
        self.assertEqual({app: app.state for app in applications}, states)
        self.assertEqual(self.env["oms.payment.deduction"].search_count([]), deductions)
