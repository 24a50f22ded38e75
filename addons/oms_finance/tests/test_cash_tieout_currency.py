# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_cash_application_currency import OmsCashCurrencyCommon


@tagged("post_install", "-at_install")
class TestCashTieoutCurrency(OmsCashCurrencyCommon):
    """Issue 12: a USD wire (EUR in a USD company) applied to a USD invoice
    at another rate than the invoice's: Odoo's exchange-difference entry
    absorbs the rate change and the AR tie-out stays at zero, to the
    cent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        usd = cls.env.ref("base.USD")
        if cls.foreign != usd and cls.currency != usd:
            # The same two rates as the common's currency, for USD.
            usd.active = True
            cls.env["res.currency.rate"].create(
                [
                    {
                        "currency_id": usd.id,
                        "company_id": cls.company.id,
                        "name": day,
                        "rate": rate,
                    }
                    for day, rate in ((cls.invoice_date, 0.4), (cls.today, 0.5))
                ]
            )
            cls.foreign = usd

    def _tieout(self):
        tieout = self.env["oms.ar.tieout"].create(
            {"company_id": self.company.id, "date_to": self.today}
        )
        tieout.action_compute()
        return tieout

    def test_usd_wire_with_exchange_difference_ties_out(self):
        before = self._tieout().difference
        invoice = self._foreign_invoice(20760.0)
        self.assertAlmostEqual(invoice.amount_total_signed, 20760.0 / 0.4)
        line = self._foreign_statement_line(20760.0, f"TT {invoice.name}")
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(application.document_currency_id, self.foreign)
        self.assertEqual(invoice.currency_id, self.foreign)
        self.assertAlmostEqual(application.amount_currency, 20760.0)
        receivable = invoice.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertTrue(receivable.reconciled)
        exchange = (
            receivable.full_reconcile_id.exchange_move_id
            | receivable.matched_credit_ids.exchange_move_id
        )
        self.assertTrue(exchange, "Odoo's exchange difference entry")
        self.assertEqual(exchange.journal_id, self.company.currency_exchange_journal_id)
        # Rate 0.4 then 0.5: the customer paid 10,380 less in company units.
        self.assertAlmostEqual(
            abs(exchange.amount_total_signed), 20760.0 / 0.4 - 20760.0 / 0.5
        )
        tieout = self._tieout()
        self.assertAlmostEqual(tieout.difference, before, places=2)
        self.assertAlmostEqual(tieout.difference, 0.0, places=2)
        mine = tieout.line_ids.filtered(
            lambda item: item.move_line_id.move_id in (invoice | exchange)
        )
        self.assertFalse(mine.mapped("issue"))
