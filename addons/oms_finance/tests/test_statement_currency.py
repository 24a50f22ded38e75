# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_cash import OmsCashCommon


@tagged("post_install", "-at_install")
class TestStatementCurrency(OmsCashCommon):
    """Statements of account read in the currency of the documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.env.ref("base.USD")
        cls.eur = cls.env.ref("base.EUR")
        (cls.usd | cls.eur).active = True
        # Fixed rates (units per company-currency unit) for the foreign ones.
        for currency, rate in ((cls.usd, 0.5), (cls.eur, 0.25)):
            if currency != cls.company.currency_id:
                cls.env["res.currency.rate"].search(
                    [
                        ("currency_id", "=", currency.id),
                        ("company_id", "in", (cls.company.id, False)),
                    ]
                ).unlink()
                cls.env["res.currency.rate"].create(
                    {
                        "name": "2000-01-01",
                        "rate": rate,
                        "currency_id": currency.id,
                        "company_id": cls.company.id,
                    }
                )
        cls.customer_us = cls.env["res.partner"].create(
            {"name": "Great Lakes Pumps Inc.", "country_id": cls.env.ref("base.us").id}
        )
        cls.report = "oms_finance.action_report_oms_statement"

    def _pay(self, partner, invoice, amount, currency):
        """Odoo's register-payment wizard, in ``currency``, reconciled."""
        if not self.bank_journal.inbound_payment_method_line_ids.payment_account_id:
            self.bank_journal.inbound_payment_method_line_ids.payment_account_id = (
                self.env["account.account"].create(
                    {
                        "name": "Outstanding Receipts",
                        "code": "OT1019",
                        "account_type": "asset_current",
                        "reconcile": True,
                    }
                )
            )
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": amount,
                    "currency_id": currency.id,
                    "journal_id": self.bank_journal.id,
                }
            )
            ._create_payments()
        )

    def test_usd_customer_statement_in_usd(self):
        first = self._create_invoice(self.customer_us, 1000.0, currency_id=self.usd.id)
        second = self._create_invoice(self.customer_us, 500.0, currency_id=self.usd.id)
        self._pay(self.customer_us, first, 750.0, self.usd)
        self.assertAlmostEqual(first.amount_residual, 250.0)
        data = self.customer_us._oms_get_statement_data()
        [section] = data["sections"]
        self.assertEqual(section["currency"], self.usd)
        by_name = {item["name"]: item for item in section["items"]}
        self.assertEqual(set(by_name), {first.name, second.name})
        self.assertAlmostEqual(by_name[first.name]["amount"], 1000.0)
        self.assertAlmostEqual(by_name[first.name]["residual"], 250.0)
        self.assertAlmostEqual(by_name[second.name]["residual"], 500.0)
        self.assertAlmostEqual(section["balance"], 750.0)
        self.assertAlmostEqual(sum(b["amount"] for b in section["buckets"]), 750.0)
        open_lines = (first | second).line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(
            section["balance_company"], sum(open_lines.mapped("amount_residual"))
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(self.report, self.customer_us.ids)[0]
            .decode()
        )
        self.assertIn("Amounts in <span>USD</span>", html)
        self.assertIn("750.00", html)
        self.assertIn("250.00", html)
        if self.company.currency_id != self.usd:
            # Company-currency equivalent beside the open amount, not instead.
            self.assertIn(f"Open in <span>{self.company.currency_id.name}", html)
            self.assertIn(f"{section['balance_company']:,.2f}", html)

    def test_eur_and_usd_customer_two_sections(self):
        usd_invoice = self._create_invoice(
            self.customer_us, 300.0, currency_id=self.usd.id
        )
        eur_invoice = self._create_invoice(
            self.customer_us, 200.0, currency_id=self.eur.id
        )
        data = self.customer_us._oms_get_statement_data()
        sections = {s["currency"]: s for s in data["sections"]}
        self.assertEqual(set(sections), {self.usd, self.eur})
        self.assertEqual(
            [i["name"] for i in sections[self.usd]["items"]], [usd_invoice.name]
        )
        self.assertEqual(
            [i["name"] for i in sections[self.eur]["items"]], [eur_invoice.name]
        )
        self.assertAlmostEqual(sections[self.usd]["balance"], 300.0)
        self.assertAlmostEqual(sections[self.eur]["balance"], 200.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(self.report, self.customer_us.ids)[0]
            .decode()
        )
        self.assertIn("Amounts in <span>EUR</span>", html)
        self.assertIn("Amounts in <span>USD</span>", html)

    def test_fully_paid_customer_has_no_section(self):
        invoice = self._create_invoice(self.customer_us, 100.0, currency_id=self.usd.id)
        self._pay(self.customer_us, invoice, 100.0, self.usd)
        data = self.customer_us._oms_get_statement_data()
        self.assertEqual(data["sections"], [])
