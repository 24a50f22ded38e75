# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common_cash import OmsCashCommon


@tagged("post_install", "-at_install")
class TestReceiptForecast(OmsCashCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term = cls.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 30 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 30.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 70.0, "nb_days": 30}
                    ),
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Forecast Customer"})

    def _forecast(self, invoice):
        self.env.flush_all()
        return self.env["oms.receipt.forecast"].search(
            [("invoice_id", "=", invoice.id)], order="date_maturity"
        )

    def test_weeks_from_payment_terms(self):
        invoice_date = self.today
        invoice = self._create_invoice(
            self.customer,
            1000.0,
            date=invoice_date,
            invoice_payment_term_id=self.term.id,
        )
        rows = self._forecast(invoice)
        self.assertEqual(rows.mapped("amount_residual"), [300.0, 700.0])
        later = invoice_date + relativedelta(days=30)
        self.assertEqual(rows.mapped("date_maturity"), [invoice_date, later])
        iso_year, iso_week, _day = later.isocalendar()
        self.assertEqual(rows[1].week, f"{iso_year}-W{iso_week:02d}")
        self.assertEqual(
            rows[1].week_start, later - relativedelta(days=later.weekday())
        )
        self.assertFalse(any(rows.mapped("overdue")))
        self.assertEqual(rows.partner_id, self.customer)
        # Pivot by week: one group per instalment week.
        groups = self.env["oms.receipt.forecast"]._read_group(
            [("invoice_id", "=", invoice.id)], ["week"], ["amount_residual:sum"]
        )
        self.assertEqual(sorted(amount for _week, amount in groups), [300.0, 700.0])

    def test_overdue_and_paid_instalments(self):
        old_date = self.today - relativedelta(days=60)
        old = self._create_invoice(
            self.customer,
            200.0,
            date=old_date,
            invoice_payment_term_id=False,
            invoice_date_due=old_date,
        )
        row = self._forecast(old)
        self.assertTrue(row.overdue, (row.date_maturity, old.invoice_date_due))
        paid = self._create_invoice(self.customer, 150.0)
        line = self._create_statement_line(150.0, paid.name)
        self._run(lines=line)
        self.assertFalse(self._forecast(paid))

    def test_partial_payment_reduces_forecast(self):
        invoice = self._create_invoice(self.customer, 400.0)
        payment = self._create_payment(self.customer, 100.0, invoice.name)
        self._run(payments=payment)
        self.assertEqual(self._forecast(invoice).amount_residual, 300.0)

    def test_first_instalment_paid_is_no_short_payment(self):
        invoice = self._create_invoice(
            self.customer, 1000.0, invoice_payment_term_id=self.term.id
        )
        line = self._create_statement_line(300.0, invoice.name)
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertFalse(application.deduction_id)
        rows = self._forecast(invoice)
        self.assertEqual(rows.mapped("amount_residual"), [700.0])
