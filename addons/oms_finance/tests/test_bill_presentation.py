# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import render_pdf_text

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestBillPresentation(OmsInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_de.email = "ap@hamburg-maschinenbau.example"

    def test_auto_send_logs_presentation(self):
        template = self.env.ref("account.email_template_edi_invoice")
        policy = self._create_policy(trigger="daily", auto_send=True)
        order = self._delivered_order()
        invoice = policy._oms_job_invoice_orders(order)
        self.assertEqual(invoice.state, "posted")
        self.assertTrue(invoice.is_move_sent)
        self.assertTrue(invoice.invoice_pdf_report_id)
        log = invoice.oms_presentation_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.channel, "email")
        self.assertEqual(log.partner_id, self.customer_de)
        self.assertEqual(log.recipients, "ap@hamburg-maschinenbau.example")
        self.assertEqual(log.mail_template_id, template)
        self.assertEqual(log.user_id, self.env.user)
        message = invoice.message_ids.filtered(
            lambda m: self.customer_de in m.partner_ids
        )
        self.assertTrue(message)
        self.assertTrue(message.attachment_ids)

    def test_policy_template(self):
        template = self.env.ref("account.email_template_edi_invoice").copy(
            {"name": "OMS export invoice"}
        )
        policy = self._create_policy(
            trigger="daily", auto_send=True, mail_template_id=template.id
        )
        invoice = policy._oms_job_invoice_orders(self._delivered_order())
        self.assertEqual(invoice.oms_presentation_ids.mail_template_id, template)

    def test_no_send_without_flag(self):
        policy = self._create_policy(trigger="daily")
        invoice = policy._oms_job_invoice_orders(self._delivered_order())
        self.assertFalse(invoice.oms_presentation_ids)
        invoice._oms_present("print")
        self.assertEqual(invoice.oms_presentation_ids.channel, "print")
        self.assertFalse(invoice.is_move_sent)
        invoice.action_oms_present()
        self.assertEqual(len(invoice.oms_presentation_ids), 2)
        self.assertTrue(invoice.is_move_sent)

    def test_statement_of_account(self):
        policy = self._create_policy(trigger="daily")
        invoices = policy._oms_job_invoice_orders(
            self._delivered_order() | self._delivered_order(qty=5)
        )
        [data] = self.customer_de._oms_get_statement_data()["sections"]
        self.assertEqual(len(data["items"]), 2)
        self.assertAlmostEqual(data["balance"], sum(invoices.mapped("amount_total")))
        self.assertAlmostEqual(
            sum(b["amount"] for b in data["buckets"]), data["balance"]
        )
        report = "oms_finance.action_report_oms_statement"
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            report, self.customer_de.ids
        )
        self.assertTrue(pdf)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, self.customer_de.ids)[0]
            .decode()
        )
        self.assertIn("Statement of Account", html)
        self.assertIn(self.customer_de.name, html)
        for invoice in invoices:
            self.assertIn(invoice.name, html)
        self.assertIn(f"{data['balance']:,.2f}", html)
        self.assertIn("Balance due", html)
        text = render_pdf_text(self.env, report, self.customer_de.ids)
        self.assertIn("Statement of Account", text)
        self.assertIn(self.customer_de.name, text)
        for invoice in invoices:
            self.assertIn(invoice.name, text)
        self.assertIn(f"{data['balance']:,.2f}", text)
