# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_cash import OmsCashCommon


@tagged("post_install", "-at_install")
class TestCashApplication(OmsCashCommon):
    def test_statement_line_matched_by_invoice_number(self):
        invoice = self._create_invoice(self.customer_de, 1000.0)
        line = self._create_statement_line(1000.0, f"Wire HMB {invoice.name} thanks")
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)
        self.assertTrue(line.is_reconciled)
        # The partner missing on the bank line comes from the invoice.
        self.assertEqual(line.partner_id, self.customer_de)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(application.amount_applied, 1000.0)

    def test_payment_matched_by_customer_reference(self):
        invoice = self._create_invoice(self.customer_in, 500.0, ref="PT-PO-778")
        other = self._create_invoice(self.customer_in, 500.0, ref="PT-PO-779")
        payment = self._create_payment(self.customer_in, 500.0, "PO PT-PO-778")
        application = self._run(payments=payment)
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(other.payment_state, "not_paid")
        self.assertTrue(payment.is_reconciled)

    def test_match_by_amount_when_no_reference(self):
        invoice = self._create_invoice(self.customer_in, 321.0)
        self._create_invoice(self.customer_in, 999.0)
        line = self._create_statement_line(321.0, "PAYMENT", partner=self.customer_in)
        application = self._run(lines=line)
        self.assertEqual(application.state, "matched")
        self.assertEqual(application.invoice_ids, invoice)

    def test_overpayment_left_as_unapplied_cash(self):
        invoice = self._create_invoice(self.customer_de, 800.0)
        line = self._create_statement_line(850.0, invoice.name)
        application = self._run(lines=line)
        self.assertEqual(application.state, "unapplied")
        self.assertAlmostEqual(application.amount_unapplied, 50.0)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(line.is_reconciled)
        action = self.env.ref("oms_finance.oms_unapplied_cash_action")
        unapplied = self.env["account.move.line"].search(
            literal_eval(action.domain) + [("partner_id", "=", self.customer_de.id)]
        )
        self.assertAlmostEqual(sum(unapplied.mapped("amount_residual")), -50.0)

    def test_unmatched_line_is_left_untouched(self):
        self._create_invoice(self.customer_de, 100.0)
        line = self._create_statement_line(77.0, "UNKNOWN SENDER 12")
        application = self._run(lines=line)
        self.assertEqual(application.state, "unmatched")
        self.assertFalse(line.is_reconciled)
        self.assertEqual(application.amount_unapplied, 77.0)

    def test_run_twice_is_idempotent(self):
        invoice = self._create_invoice(self.customer_de, 400.0)
        line = self._create_statement_line(400.0, invoice.name)
        unmatched = self._create_statement_line(10.0, "NO REFERENCE")
        first = self._run(lines=line | unmatched)
        self.assertEqual(len(first), 2)
        second = self._run(lines=line | unmatched)
        # Only the unmatched line is tried again, on the same log record.
        self.assertEqual(second, first.filtered(lambda a: a.state == "unmatched"))
        logs = self.application.search(
            [("statement_line_id", "in", (line | unmatched).ids)]
        )
        self.assertEqual(len(logs), 2)
        self.assertEqual(len(invoice.line_ids.matched_credit_ids), 1)

    def test_action_run_picks_open_sources(self):
        invoice = self._create_invoice(self.customer_de, 250.0)
        line = self._create_statement_line(250.0, invoice.name)
        self.application.action_run()
        self.assertTrue(line.is_reconciled)
        self.assertEqual(
            self.application.search([("statement_line_id", "=", line.id)]).state,
            "matched",
        )

    def test_payment_in_closed_period(self):
        old_date = self.today - relativedelta(years=3)
        invoice = self._create_invoice(self.customer_de, 600.0, date=old_date)
        payment = self._create_payment(
            self.customer_de, 600.0, invoice.name, date=old_date
        )
        self.company.fiscalyear_lock_date = old_date + relativedelta(days=1)
        application = self._run(payments=payment)
        self.assertEqual(application.state, "error")
        self.assertIn("period is closed", application.message)
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertFalse(payment.is_reconciled)
        self.assertFalse(
            self.env["oms.payment.deduction"].search([("invoice_id", "=", invoice.id)])
        )
        with self.assertRaisesRegex(UserError, "period is closed"):
            application._apply(application._get_source_values(), invoice)


@tagged("post_install", "-at_install")
class TestCashApplicationDemo(OmsCashCommon):
    """The demo statement and payment were applied when the demo loaded."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("base.module_oms_finance").demo:
            self.skipTest("The database has no demo data.")

    def test_demo_cash_application(self):
        order = self.env.ref("oms_core.sale_order_invoiced_demo")
        deduction = self.env["oms.payment.deduction"].search(
            [("order_id", "=", order.id)]
        )
        self.assertEqual(deduction.state, "disputed")
        self.assertEqual(deduction.amount, 250.0)
        self.assertEqual(
            deduction.reason_id, self.env.ref("oms_finance.oms_reason_deduction_damage")
        )
        self.assertEqual(order.oms_stage, "invoiced")
        # The six-month KPI history applies its own short wires, referenced
        # by invoice number; the story's statement and payment are the others.
        applications = self.application.search(
            [("company_id", "=", order.company_id.id)]
        ).filtered(
            lambda app: (
                not (app.statement_line_id.payment_ref or "").startswith(
                    "INWARD TT INV/"
                )
            )
        )
        self.assertEqual(
            sorted(applications.mapped("state")), ["short", "unmatched", "unmatched"]
        )
        advance = self.env.ref("oms_finance.account_payment_gulf_advance_demo")
        self.assertFalse(advance.is_reconciled)


@tagged("post_install", "-at_install")
class TestCashApplicationFallout(OmsCashCommon):
    def test_failure_queued_then_retried(self):
        old_date = self.today - relativedelta(years=3)
        order = self._create_order(lines=[(self.product, 2)])
        order.action_confirm()
        self._deliver(order)
        invoice = order._create_invoices()
        invoice.invoice_date = old_date
        invoice.action_post()
        payment = self._create_payment(
            self.customer_de, invoice.amount_total, order.name, date=old_date
        )
        self.company.fiscalyear_lock_date = old_date
        application = self._run(payments=payment)
        self.assertEqual(application.state, "error")
        self.assertEqual(application.order_id, order)
        fallout = order.oms_fallout_ids
        self.assertEqual(fallout.step, "cash_application")
        self.assertEqual(fallout.state, "open")
        self.company.fiscalyear_lock_date = False
        fallout.action_retry()
        self.assertEqual(fallout.state, "resolved")
        self.assertEqual(application.state, "matched")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_access_rights(self):
        # Reconciling bank lines takes Odoo's bank-reconciliation rights.
        accountant = new_test_user(
            self.env,
            login="oms_test_accountant",
            groups="account.group_account_user",
        )
        invoice = self._create_invoice(self.customer_de, 90.0)
        line = self._create_statement_line(90.0, invoice.name)
        applications = self.application.with_user(accountant)._run(
            line, self.env["account.payment"]
        )
        self.assertEqual(applications.state, "matched")
        self.env.flush_all()
        kpis = self.env["oms.kpi.order"].with_user(self.oms_user)
        self.assertIsInstance(kpis.search_count([]), int)
        with self.assertRaises(AccessError):
            self.application.with_user(self.salesman).search([])
        with self.assertRaises(AccessError):
            self.env["oms.gl.transfer"].with_user(self.salesman).create({})


@tagged("post_install", "-at_install")
class TestCashApplicationBatch(OmsCashCommon):
    """Sources of one run are matched against candidates searched once: the
    results are those of sources applied one by one."""

    def test_mixed_run_matches_as_one_by_one(self):
        by_number = self._create_invoice(self.customer_de, 111.0)
        by_ref = self._create_invoice(self.customer_in, 222.0, ref="PO-B-778")
        by_amount = self._create_invoice(self.customer_in, 333.0)
        line_number = self._create_statement_line(111.0, f"Wire {by_number.name}")
        line_amount = self._create_statement_line(
            333.0, "PAYMENT", partner=self.customer_in
        )
        line_unknown = self._create_statement_line(44.0, "NOTHING TO SEE")
        # Quotes the invoice the first line pays: nothing open is left.
        line_again = self._create_statement_line(
            111.0, f"Again {by_number.name}", partner=self.customer_de
        )
        payment = self._create_payment(self.customer_in, 222.0, "PO PO-B-778")
        applications = self._run(
            lines=line_number | line_amount | line_unknown | line_again,
            payments=payment,
        )
        states = {
            (app.statement_line_id or app.payment_id): (app.state, app.invoice_ids)
            for app in applications
        }
        Move = self.env["account.move"]
        self.assertEqual(states[line_number], ("matched", by_number))
        self.assertEqual(states[line_amount], ("matched", by_amount))
        self.assertEqual(states[payment], ("matched", by_ref))
        self.assertEqual(states[line_unknown], ("unmatched", Move))
        self.assertEqual(states[line_again], ("unmatched", Move))
        self.assertFalse(line_again.is_reconciled)
        for invoice in by_number | by_ref | by_amount:
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_order_reference_in_a_run(self):
        order = self._create_order(lines=[(self.product, 1)])
        order.action_confirm()
        self._deliver(order)
        invoice = order._create_invoices()
        invoice.action_post()
        line = self._create_statement_line(invoice.amount_total, f"Order {order.name}")
        # Another order of the same customer, not invoiced: nothing to pay.
        other = self._create_order(lines=[(self.product, 1)])
        other_line = self._create_statement_line(
            invoice.amount_total + 1.0, f"Order {other.name}"
        )
        applications = self._run(lines=line | other_line)
        mine = applications.filtered(lambda a: a.statement_line_id == line)
        self.assertEqual(mine.state, "matched")
        self.assertEqual(mine.invoice_ids, invoice)
        self.assertEqual(mine.order_id, order)
        self.assertEqual((applications - mine).state, "unmatched")
        self.assertFalse((applications - mine).invoice_ids)

    def test_failing_search_queues_the_sources(self):
        invoice = self._create_invoice(self.customer_de, 120.0)
        line = self._create_statement_line(120.0, invoice.name)
        Cash = type(self.application)
        with patch.object(
            Cash, "_get_match_candidates", side_effect=UserError("Index gone")
        ):
            application = self._run(lines=line)
        self.assertEqual(application.state, "error")
        self.assertEqual(application.message, "Index gone")
        self.assertFalse(line.is_reconciled)
        # The next run finds the source again.
        self.assertEqual(self._run(lines=line).state, "matched")
