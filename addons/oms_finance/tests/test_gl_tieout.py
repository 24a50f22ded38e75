# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import render_pdf_text

from .common_cash import OmsCashCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestGlTieout(OmsCashCommon):
    """GL transfer and AR tie-out in a company of their own, so the figures
    are known exactly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fin_company = cls.env["res.company"].create(
            {"name": "OMS Tie-out Co", "currency_id": cls.env.ref("base.USD").id}
        )
        cls.env.user.company_ids |= cls.fin_company
        cls.env["account.chart.template"].try_loading(
            "generic_coa", cls.fin_company, install_demo=False
        )
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.fin_company.ids)
        )
        env = cls.env
        cls.fin_sale_journal = env["account.journal"].search(
            [("company_id", "=", cls.fin_company.id), ("type", "=", "sale")], limit=1
        )
        cls.fin_misc_journal = env["account.journal"].search(
            [("company_id", "=", cls.fin_company.id), ("type", "=", "general")],
            limit=1,
        )
        cls.fin_bank = env["account.journal"].search(
            [("company_id", "=", cls.fin_company.id), ("type", "=", "bank")], limit=1
        )
        cls.tax = env["account.tax"].create(
            {
                "name": "Sales 10%",
                "amount": 10.0,
                "type_tax_use": "sale",
                "company_id": cls.fin_company.id,
            }
        )
        cls.receivable = env["account.account"].search(
            [
                ("company_ids", "in", cls.fin_company.id),
                ("account_type", "=", "asset_receivable"),
            ],
            limit=1,
        )
        cls.cogs = env["account.account"].search(
            [
                ("company_ids", "in", cls.fin_company.id),
                ("account_type", "=", "expense_direct_cost"),
            ],
            limit=1,
        )
        cls.stock_account = env["account.account"].search(
            [
                ("company_ids", "in", cls.fin_company.id),
                ("account_type", "=", "asset_current"),
            ],
            limit=1,
        )
        cls.period_start = cls.today.replace(day=1)
        cls.period_end = cls.period_start + relativedelta(months=1, days=-1)
        cls.partner = env["res.partner"].create({"name": "Tie-out Customer"})
        cls.invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.partner.id,
                "journal_id": cls.fin_sale_journal.id,
                "invoice_date": cls.period_start,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Valves",
                            "quantity": 1.0,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.set(cls.tax.ids)],
                        }
                    )
                ],
            }
        )
        cls.invoice.action_post()
        cls.cogs_entry = cls._create_entry(
            [(cls.cogs, 400.0, False), (cls.stock_account, -400.0, False)]
        )

    @classmethod
    def _create_entry(cls, lines, date=None):
        move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.fin_misc_journal.id,
                "date": date or cls.period_start,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Manual",
                            "account_id": account.id,
                            "balance": balance,
                            "partner_id": partner.id if partner else False,
                        }
                    )
                    for account, balance, partner in lines
                ],
            }
        )
        move.action_post()
        return move

    def _gl_transfer(self):
        return self.env["oms.gl.transfer"].create(
            {
                "company_id": self.fin_company.id,
                "date_from": self.period_start,
                "date_to": self.period_end,
            }
        )

    def _tieout(self):
        tieout = self.env["oms.ar.tieout"].create(
            {"company_id": self.fin_company.id, "date_to": self.period_end}
        )
        tieout.action_compute()
        return tieout

    def _xlsx_rows(self, report_ref, record):
        content, _fmt = self.env["ir.actions.report"]._render_xlsx(
            report_ref, record.ids, None
        )
        if openpyxl:
            workbook = openpyxl.load_workbook(io.BytesIO(content))
            return [
                [cell for cell in row if cell is not None]
                for sheet in workbook.worksheets
                for row in sheet.iter_rows(values_only=True)
            ]
        return [[content]]  # pragma: no cover

    def test_gl_transfer_figures(self):
        report = self._gl_transfer()
        totals = report._get_totals()
        self.assertAlmostEqual(totals["revenue"]["balance"], -1000.0)
        self.assertAlmostEqual(totals["tax"]["balance"], -100.0)
        self.assertAlmostEqual(totals["receivable"]["balance"], 1100.0)
        self.assertAlmostEqual(totals["cogs"]["balance"], 400.0)
        lines = report._get_lines()
        journals = {line["journal"] for line in lines}
        self.assertEqual(journals, {self.fin_sale_journal, self.fin_misc_journal})
        # Outside the period: nothing.
        report.date_from = self.period_end + relativedelta(days=1)
        report.date_to = report.date_from + relativedelta(days=5)
        self.assertFalse(report._get_lines())

    def test_gl_transfer_pdf_and_xlsx(self):
        report = self._gl_transfer()
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "oms_finance.oms_gl_transfer_report", report.ids
            )[0]
        )
        self.assertIn("GL Transfer", html)
        self.assertIn(self.fin_sale_journal.name, html)
        self.assertIn("Cost of Goods Sold", html)
        text = render_pdf_text(
            self.env, "oms_finance.oms_gl_transfer_report", report.ids
        )
        self.assertIn("GL Transfer", text)
        self.assertIn("Cost of Goods Sold", text)
        self.assertIn(self.fin_sale_journal.name, text)
        rows = self._xlsx_rows("oms_finance.oms_gl_transfer_xlsx_report", report)
        revenue = [row for row in rows if row and row[0] == "Revenue"]
        self.assertIn(-1000.0, revenue[-1])
        self.assertTrue(any(row[:1] == ["Cost of Goods Sold"] for row in rows))

    def test_tieout_equal(self):
        tieout = self._tieout()
        self.assertAlmostEqual(tieout.subledger_total, 1100.0)
        self.assertAlmostEqual(tieout.gl_total, 1100.0)
        self.assertAlmostEqual(tieout.difference, 0.0)
        self.assertFalse(tieout.line_ids)
        self.assertEqual(tieout.partner_line_ids.partner_id, self.partner)

    def test_tieout_lists_difference(self):
        entry = self._create_entry(
            [(self.receivable, 250.0, False), (self.stock_account, -250.0, False)]
        )
        draft = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.fin_misc_journal.id,
                "date": self.period_start,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Draft",
                            "account_id": self.receivable.id,
                            "partner_id": self.partner.id,
                            "balance": 80.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Draft",
                            "account_id": self.stock_account.id,
                            "balance": -80.0,
                        }
                    ),
                ],
            }
        )
        tieout = self._tieout()
        self.assertAlmostEqual(tieout.gl_total, 1350.0)
        self.assertAlmostEqual(tieout.subledger_total, 1100.0)
        self.assertAlmostEqual(tieout.difference, 250.0)
        no_partner = tieout.line_ids.filtered(lambda line: line.issue == "no_partner")
        self.assertEqual(no_partner.move_id, entry)
        self.assertAlmostEqual(no_partner.amount, 250.0)
        unposted = tieout.line_ids.filtered(lambda line: line.issue == "unposted")
        self.assertEqual(unposted.move_id, draft)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "oms_finance.oms_ar_tieout_report", tieout.ids
            )[0]
        )
        self.assertIn("Receivable item without partner", html)
        self.assertIn(entry.name, html)
        self.assertIn("Tie-out Customer", html)
        text = render_pdf_text(self.env, "oms_finance.oms_ar_tieout_report", tieout.ids)
        self.assertIn("Receivable item without partner", text)
        self.assertIn(entry.name, text)
        rows = self._xlsx_rows("oms_finance.oms_ar_tieout_xlsx_report", tieout)
        self.assertIn(["Difference", 250.0], rows)
        self.assertIn(
            [
                "Receivable item without partner",
                entry.name,
                self.receivable.display_name,
                250.0,
            ],
            rows,
        )
        self.assertIn(["Tie-out Customer", 1100.0], rows)

    def test_dashboard_cash_and_dso(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.partner.id,
                "amount": 550.0,
                "journal_id": self.fin_bank.id,
                "date": self.period_start,
            }
        )
        payment.action_post()
        self.invoice.js_assign_outstanding_line(
            payment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).id
        )
        dashboard = self.env["oms.kpi.dashboard"].create(
            {
                "company_id": self.fin_company.id,
                "date_from": self.period_start,
                "date_to": self.period_end,
            }
        )
        values = dashboard._get_kpi_values()
        self.assertAlmostEqual(values["cash_collected"], 550.0)
        # Count-back: open AR 550 is covered by half of the 1,100 invoiced in
        # the month (a rolling month) ending on the period's last day.
        days = (self.period_end - (self.period_end - relativedelta(months=1))).days
        self.assertAlmostEqual(values["dso"], 550.0 / 1100.0 * days)

    # Exchange differences and customer deductions under their own heading,
    # each account once (issue 17, finding 7).

    def _foreign_invoice_paid(self, invoice_date, payment_date):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.partner.id,
                "journal_id": self.fin_sale_journal.id,
                "invoice_date": invoice_date,
                "currency_id": self.eur.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Valves",
                            "quantity": 1.0,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.partner.id,
                "amount": 1000.0,
                "currency_id": self.eur.id,
                "journal_id": self.fin_bank.id,
                "date": payment_date,
            }
        )
        payment.action_post()
        invoice.js_assign_outstanding_line(
            payment.move_id.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).id
        )
        return invoice

    def test_exchange_and_deductions_have_their_heading(self):
        self.eur = self.env.ref("base.EUR")
        self.eur.active = True
        days = [self.period_start + relativedelta(days=n) for n in range(3)]
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": self.eur.id,
                    "company_id": self.fin_company.id,
                    "name": day,
                    "rate": rate,
                }
                for day, rate in zip(days, (0.5, 0.4, 0.5), strict=True)
            ]
        )
        # Paid at a better rate (gain), then at a worse one (loss).
        self._foreign_invoice_paid(days[0], days[1])
        self._foreign_invoice_paid(days[1], days[2])
        deduction_account = self.env["account.account"].create(
            {"name": "Customer Deductions", "code": "OTD499", "account_type": "income"}
        )
        self.fin_company.oms_deduction_account_id = deduction_account
        self._create_entry(
            [(deduction_account, 60.0, False), (self.receivable, -60.0, self.partner)]
        )
        company = self.fin_company
        gain = company.income_currency_exchange_account_id
        loss = company.expense_currency_exchange_account_id
        lines = self._gl_transfer()._get_lines()
        categories = {}
        for line in lines:
            categories.setdefault(line["account"], set()).add(line["category"])
        # Each of these accounts under one heading (the fixture's tax has no
        # account of its own: its lines sit on the revenue account).
        self.assertEqual(categories[gain], {"exchange"})
        self.assertEqual(categories[loss], {"exchange"})
        self.assertEqual(categories[deduction_account], {"deduction"})
        by_account = {
            line["account"]: line
            for line in lines
            if line["account"] in (gain | loss | deduction_account)
        }
        self.assertAlmostEqual(by_account[gain]["balance"], -500.0)
        self.assertAlmostEqual(by_account[loss]["balance"], 500.0)
        self.assertEqual(
            by_account[loss]["journal"], company.currency_exchange_journal_id
        )
        self.assertAlmostEqual(by_account[deduction_account]["balance"], 60.0)
        totals = self._gl_transfer()._get_totals()
        self.assertAlmostEqual(totals["revenue"]["balance"], -5500.0)
        self.assertEqual(totals["exchange"]["label"], "Exchange Differences")
