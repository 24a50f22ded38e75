# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.oms_core.tests.background_task_common import BackgroundTaskTestMixin

from .common_cash import OmsCashCommon
from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestCashApplicationTask(BackgroundTaskTestMixin, OmsCashCommon):
    """ "Run Cash Application" runs in the background, one chunk per batch
    of statement lines and payments."""

    def test_run_in_background_with_progress(self):
        accountant = new_test_user(
            self.env, login="oms_task_accountant", groups="account.group_account_user"
        )
        invoice = self._create_invoice(self.customer_de, 250.0)
        line = self._create_statement_line(250.0, invoice.name)
        unknown = self._create_statement_line(13.0, "NOBODY KNOWS")
        payment = self._create_payment(self.customer_in, 77.0, "NO REF")
        Application = self.application.with_user(accountant)
        with patch.object(type(self.application), "_oms_task_batch_size", 1):
            action = Application.action_run_job()
        self.assertEqual(action["params"]["type"], "info")
        task = self.env["oms.background.task"].search(
            [("chunk_method", "=", "_oms_task_apply_cash")]
        )
        self.assertEqual(task.user_id, accountant)
        # Batches of one: a chunk per source (the three above at least).
        self.assertGreaterEqual(task.chunk_count, 3)
        self.assertEqual(
            set(task.chunk_ids.mapped("res_model")),
            {"account.bank.statement.line", "account.payment"},
        )
        # Nothing applied before the jobs run.
        self.assertFalse(line.is_reconciled)
        self._perform_task_jobs(task, limit=1)
        self.assertEqual(task.chunk_finished_count, 1)
        self._perform_task_jobs(task)
        self.assertEqual(task.state, "done")
        self.assertTrue(line.is_reconciled)
        self.assertEqual(
            self.application.search([("statement_line_id", "=", unknown.id)]).state,
            "unmatched",
        )
        self.assertTrue(self.application.search([("payment_id", "=", payment.id)]))
        self.assertIn("Matched: 1", task.result_message)
        notification = self._bus_notifications(accountant.partner_id)[0]
        self.assertIn("Unmatched", notification["message"])
        # An accountant without an OMS role follows it under Invoicing.
        menu = self.env.ref("oms_finance.account_menu_oms_background_task")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(accountant)._visible_menu_ids()
        )
        action = menu.action.sudo()
        self.assertEqual(
            self.env[action.res_model].with_user(accountant).search([]), task
        )

    def test_salesman_cannot_run(self):
        with self.assertRaises(AccessError):
            self.application.with_user(self.salesman).action_run_job()
        self.assertFalse(
            self.env["oms.background.task"]
            .search([])
            .filtered(lambda t: t.chunk_method == "_oms_task_apply_cash")
        )


@tagged("post_install", "-at_install")
class TestInvoiceNowTask(BackgroundTaskTestMixin, OmsInvoicingCommon):
    """ "Invoice Now" runs as a background task, one chunk per batch."""

    def test_invoice_now_in_background(self):
        customer = self.customer_de.copy({"name": "Invoice Now Task Customer"})
        policy = self._create_policy(
            domain=f"[('partner_id', '=', {customer.id})]",
            trigger="daily",
            batch_size=1,
        )
        delivered = self._delivered_order(partner=customer) | self._delivered_order(
            partner=customer
        )
        action = policy.with_user(self.oms_user).action_run_now_job()
        self.assertIn("Orders queued for invoicing: 2", action["params"]["message"])
        task = self.env["oms.background.task"].search(
            [("res_model", "=", policy._name), ("res_id", "=", policy.id)]
        )
        self.assertRecordValues(
            task, [{"chunk_count": 2, "chunk_finished_count": 0, "state": "queued"}]
        )
        self._perform_task_jobs(task, limit=1)
        self.assertEqual(task.chunk_finished_count, 1)
        self.assertEqual(
            sorted(delivered.mapped("invoice_status")), ["invoiced", "to invoice"]
        )
        self._perform_task_jobs(task)
        self.assertEqual(task.state, "done")
        self.assertEqual(set(delivered.mapped("invoice_status")), {"invoiced"})
        self.assertIn("1 invoices created", task.result_message)
        notification = self._bus_notifications(self.oms_user.partner_id)[0]
        self.assertEqual(notification["type"], "success")
        # The policy lists its runs, for whoever started them.
        action = policy.with_user(self.oms_user).action_view_background_tasks()
        Task = self.env[action["res_model"]].with_user(self.oms_user)
        self.assertEqual(Task.search(action["domain"]), task)
        # Nothing left: no task.
        action = policy.action_run_now_job()
        self.assertIn("Nothing to invoice now", action["params"]["message"])
