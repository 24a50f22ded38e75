# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .common_cash import OmsCashCommon


class OmsCashCurrencyCommon(OmsCashCommon):
    """A foreign currency (EUR, or USD for a EUR company) at two rates: one
    on the invoices' date, another on the payments' date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        eur = cls.env.ref("base.EUR")
        cls.foreign = cls.env.ref("base.USD") if cls.currency == eur else eur
        cls.foreign.active = True
        cls.invoice_date = cls.today - relativedelta(days=30)
        # 1 company unit = 0.4 foreign on the invoices' date, 0.5 on the
        # payments': a foreign invoice of 1,000 is 2,500 then, 2,000 now.
        cls.env["res.currency.rate"].create(
            [
                {
                    "currency_id": cls.foreign.id,
                    "company_id": cls.company.id,
                    "name": cls.invoice_date,
                    "rate": 0.4,
                },
                {
                    "currency_id": cls.foreign.id,
                    "company_id": cls.company.id,
                    "name": cls.today,
                    "rate": 0.5,
                },
            ]
        )

    def _foreign_invoice(self, amount, **vals):
        return self._create_invoice(
            self.customer_de,
            amount,
            date=self.invoice_date,
            currency_id=self.foreign.id,
            **vals,
        )

    def _foreign_payment(self, amount, memo):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer_de.id,
                "amount": amount,
                "currency_id": self.foreign.id,
                "memo": memo,
                "journal_id": self.bank_journal.id,
                "date": self.today,
            }
        )
        payment.action_post()
        return payment

    def _foreign_statement_line(self, amount, label):
        """A line of the company-currency bank account for a foreign wire."""
        return self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": self.today,
                "payment_ref": label,
                "amount": amount / 0.5,
                "foreign_currency_id": self.foreign.id,
                "amount_currency": amount,
            }
        )

    def _deductions(self, invoices):
        return self.env["oms.payment.deduction"].search(
            [("invoice_id", "in", invoices.ids)]
        )


@tagged("post_install", "-at_install")
class TestCashApplicationCurrency(OmsCashCurrencyCommon):
    """Cash is decided in the currency of the invoices it pays (issue 17,
    finding 2): the company-currency amounts differ with the rates, the
    customer's do not."""

    def test_full_foreign_payment_at_another_rate_is_matched(self):
        invoice = self._foreign_invoice(1000.0)
        self.assertAlmostEqual(invoice.amount_total_signed, 2500.0)
        payment = self._foreign_payment(1000.0, invoice.name)
        application = self._run(payments=payment)
        self.assertEqual(application.state, "matched")
        self.assertFalse(self._deductions(invoice))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(application.document_currency_id, self.foreign)
        self.assertAlmostEqual(application.amount_currency, 1000.0)
        self.assertAlmostEqual(application.amount_applied_currency, 1000.0)
        self.assertAlmostEqual(application.amount_unapplied_currency, 0.0)
        # Company-currency figures beside them, at the payment's rate.
        self.assertAlmostEqual(application.amount, 2000.0)
        self.assertAlmostEqual(application.amount_applied, 2000.0)
        # Odoo posted the exchange difference of the settlement.
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        exchange = (
            receivable.full_reconcile_id.exchange_move_id
            | receivable.matched_credit_ids.exchange_move_id
        )
        self.assertTrue(exchange)
        self.assertEqual(exchange.journal_id, self.company.currency_exchange_journal_id)

    def test_full_foreign_wire_on_bank_line_is_matched(self):
        invoice = self._foreign_invoice(1000.0)
        line = self._foreign_statement_line(1000.0, f"TT {invoice.name}")
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertFalse(self._deductions(invoice))
        self.assertTrue(line.is_reconciled)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(application.amount_currency, 1000.0)
        self.assertAlmostEqual(application.amount, 2000.0)

    def test_foreign_overpayment_is_unapplied_not_short(self):
        invoice = self._foreign_invoice(1000.0)
        payment = self._foreign_payment(1100.0, invoice.name)
        application = self._run(payments=payment)
        self.assertEqual(application.state, "unapplied")
        self.assertFalse(self._deductions(invoice))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(application.amount_unapplied_currency, 100.0)
        self.assertAlmostEqual(application.amount_unapplied, 200.0)

    def test_foreign_short_payment_deduction_in_invoice_currency(self):
        invoice = self._foreign_invoice(1000.0)
        line = self._foreign_statement_line(940.0, invoice.name)
        application = self._run(lines=line)
        self.assertEqual(application.state, "short")
        deduction = application.deduction_id
        self.assertEqual(deduction.invoice_id, invoice)
        self.assertEqual(deduction.currency_id, self.foreign)
        self.assertAlmostEqual(deduction.amount, 60.0)
        self.assertAlmostEqual(invoice.amount_residual, 60.0)
        # Beside it, the company-currency figure at the deduction's rate.
        self.assertAlmostEqual(deduction.amount_company, 120.0)
        deduction.action_accept()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_same_amount_match_in_invoice_currency(self):
        invoice = self._foreign_invoice(777.0)
        line = self._foreign_statement_line(777.0, "PAYMENT")
        line.partner_id = self.customer_de
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)


@tagged("post_install", "-at_install")
class TestCashApplicationOrderReference(OmsCashCurrencyCommon):
    """A payment quoting an order pays its open invoices oldest first and is
    short only on what it was meant to settle (issue 17, finding 1)."""

    def _order_with_two_invoices(self):
        order = self._create_order(lines=[(self.product, 10)])
        order.action_confirm()
        self._deliver(order, 6)
        first = order._create_invoices()
        first.action_post()
        self._deliver(order)
        second = order._create_invoices()
        second.action_post()
        self.assertEqual(order.order_line.qty_invoiced, 10)
        return order, first, second

    def test_order_payment_settles_first_invoice_only(self):
        order, first, second = self._order_with_two_invoices()
        line = self._create_statement_line(first.amount_total, f"Order {order.name}")
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, first)
        self.assertFalse(application.deduction_id)
        self.assertFalse(self._deductions(first | second))
        self.assertIn(first.payment_state, ("paid", "in_payment"))
        self.assertEqual(second.payment_state, "not_paid")

    def test_order_payment_short_on_the_invoice_it_reaches(self):
        order, first, second = self._order_with_two_invoices()
        amount = first.amount_total + second.amount_total - 30.0
        payment = self._create_payment(self.customer_de, amount, order.name)
        application = self._run(payments=payment)
        self.assertEqual(application.state, "short")
        self.assertEqual(application.invoice_ids, first | second)
        deductions = self._deductions(first | second)
        self.assertEqual(deductions.invoice_id, second)
        self.assertAlmostEqual(deductions.amount, 30.0)
        self.assertIn(first.payment_state, ("paid", "in_payment"))

    def test_deduction_never_on_invoice_paid_in_full(self):
        invoice = self._create_invoice(self.customer_de, 500.0)
        other = self._create_invoice(self.customer_de, 300.0)
        line = self._create_statement_line(
            700.0, f"{invoice.name} {other.name}", partner=self.customer_de
        )
        application = self._run(lines=line)
        self.assertEqual(application.state, "short")
        deduction = application.deduction_id
        self.assertEqual(self._deductions(invoice | other), deduction)
        self.assertEqual(deduction.invoice_id, other)
        self.assertAlmostEqual(deduction.amount, 100.0)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))


@tagged("post_install", "-at_install")
class TestCashApplicationReconciledLines(OmsCashCurrencyCommon):
    """Bank lines reconciled before a run still get their row (issue 17,
    finding 6)."""

    def _reconcile_by_hand(self, line, invoice):
        line.partner_id = invoice.partner_id
        line.reconcile_data_info = line._default_reconcile_data(from_unreconcile=True)
        line._add_account_move_line(
            invoice.line_ids.filtered(
                lambda aml: aml.account_id.account_type == "asset_receivable"
            )
        )
        line.reconcile_bank_line()
        self.assertTrue(line.is_reconciled)

    def test_reconciled_line_gets_a_matched_row(self):
        invoice = self._create_invoice(self.customer_de, 420.0)
        line = self._create_statement_line(420.0, "WIRE HAMBURG")
        self._reconcile_by_hand(line, invoice)
        self.application.action_run()
        application = self.application.search([("statement_line_id", "=", line.id)])
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)
        self.assertEqual(application.partner_id, self.customer_de)
        self.assertAlmostEqual(application.amount, 420.0)
        self.assertAlmostEqual(application.amount_applied, 420.0)
        self.assertAlmostEqual(application.amount_unapplied, 0.0)
        # Re-running creates nothing and changes nothing.
        self.application.action_run()
        self.assertEqual(
            self.application.search([("statement_line_id", "=", line.id)]),
            application,
        )
        self.assertEqual(application.state, "matched")

    def test_unmatched_line_reconciled_later_becomes_matched(self):
        invoice = self._create_invoice(self.customer_de, 210.0)
        line = self._create_statement_line(210.0, "UNKNOWN 55")
        application = self._run(lines=line)
        self.assertEqual(application.state, "unmatched")
        self._reconcile_by_hand(line, invoice)
        self.application.action_run()
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)
