# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestInvoicePolicy(OmsInvoicingCommon):
    def _invoices(self, orders):
        return orders.invoice_ids.filtered(lambda m: m.move_type == "out_invoice")

    def test_on_shipment(self):
        policy = self._create_policy(trigger="on_shipment")
        order = self._create_order(incoterm_location="Hamburg port")
        order.action_confirm()
        self.assertEqual(order._oms_get_invoice_policy(), policy)
        picking = self._deliver(order)
        # Validating the delivery only enqueues: nothing invoiced inline.
        self.assertEqual(len(self._pending_jobs()), 1)
        self.assertFalse(order.invoice_ids)
        self._run_jobs()
        invoice = self._invoices(order)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.journal_id, self.sale_journal)
        self.assertEqual(invoice.oms_invoice_policy_id, policy)
        self.assertEqual(invoice.invoice_incoterm_id, self.incoterm_cif)
        self.assertEqual(invoice.incoterm_location, "Hamburg port")
        self.assertIn(picking.name, invoice.oms_shipment_ref)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_on_shipment_by_warehouse_user(self):
        policy = self._create_policy(trigger="on_shipment")
        stock_user = new_test_user(
            self.env, login="oms_test_stock", groups="stock.group_stock_user"
        )
        order = self._create_order()
        order.action_confirm()
        picking = order.picking_ids.with_user(stock_user)
        picking.move_ids.quantity = 10
        picking.button_validate()
        self.assertEqual(len(self._pending_jobs()), 1)
        self._run_jobs()
        invoice = self._invoices(order)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.oms_invoice_policy_id, policy)

    def test_daily_batches(self):
        policy = self._create_policy(trigger="daily", batch_size=2)
        orders = self._delivered_order() | self._delivered_order()
        orders |= self._delivered_order(partner=self.customer_in)
        today = fields.Date.context_today(policy)
        self.env["oms.invoice.policy"]._cron_oms_auto_invoice()
        self.assertEqual(len(self._pending_jobs()), 2)
        self._run_jobs()
        self.assertEqual(policy.next_run_date, today + relativedelta(days=1))
        self.assertEqual(len(self._invoices(orders)), 3)
        self.assertEqual(set(orders.mapped("invoice_status")), {"invoiced"})
        # Not due again today.
        extra = self._delivered_order()
        self.env["oms.invoice.policy"]._cron_oms_auto_invoice()
        self.assertFalse(self._pending_jobs())
        self.assertEqual(extra.invoice_status, "to invoice")

    def test_monthly_per_customer(self):
        policy = self._create_policy(trigger="monthly", grouping="partner")
        de_orders = self._delivered_order() | self._delivered_order(
            lines=[(self.product_b, 2)]
        )
        in_order = self._delivered_order(partner=self.customer_in)
        invoices = policy._oms_job_invoice_orders(de_orders | in_order)
        self.assertEqual(len(invoices), 2)
        de_invoice = self._invoices(de_orders)
        self.assertEqual(len(de_invoice), 1)
        self.assertEqual(de_invoice.partner_id, self.customer_de)
        self.assertEqual(
            de_invoice.invoice_line_ids.sale_line_ids, de_orders.order_line
        )
        self.assertEqual(len(de_invoice.oms_shipment_ref.split(",")), 2)
        self.assertEqual(self._invoices(in_order).partner_id, self.customer_in)

    def test_manual_policy_and_invoice_button(self):
        policy = self._create_policy(trigger="manual", journal_id=False)
        order = self._delivered_order()
        self.assertEqual(order._oms_get_invoice_policy(), policy)
        self.env["oms.invoice.policy"]._cron_oms_auto_invoice()
        self.assertFalse(self._pending_jobs())
        action = order.action_oms_create_invoice()
        invoice = self._invoices(order)
        self.assertEqual(action["res_id"], invoice.id)
        self.assertEqual(invoice.state, "draft")
        self.assertTrue(invoice.oms_shipment_ref)
        self.assertEqual(order.action_oms_pro_forma()["type"][:11], "ir.actions.")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_pro_forma_invoice", order.ids)[0]
            .decode()
        )
        self.assertIn("Pro-Forma", html)
        self.assertIn(order.name, html)

    def test_policy_without_journal_refused(self):
        # assertRaises (not ...Regex) rolls back like a refused request would.
        with self.assertRaises(ValidationError) as caught:
            self._create_policy(trigger="daily", journal_id=False)
        self.assertIn("needs a sales journal", str(caught.exception))
        policy = self._create_policy(trigger="manual", journal_id=False)
        with self.assertRaises(ValidationError) as caught:
            policy.trigger = "weekly"
        self.assertIn("needs a sales journal", str(caught.exception))
        policies = self.env["oms.invoice.policy"].search([])
        self.assertEqual(
            [(p.trigger, p.journal_id) for p in policies],
            [("manual", self.env["account.journal"])],
        )
        with self.assertRaises(ValidationError) as caught:
            self._create_policy(domain="[('no_such_field', '=', 1)]")
        self.assertIn("not a valid domain", str(caught.exception))
        self.assertFalse(
            self.env["oms.rule"].search([("domain", "like", "no_such_field")])
        )

    def test_policy_journal_honoured(self):
        second = self.env["account.journal"].create(
            {
                "name": "OMS Export Sales",
                "code": "OTX2",
                "type": "sale",
                "company_id": self.company.id,
            }
        )
        # The default sales journal comes first: the policy must win over it.
        second.sequence = self.sale_journal.sequence + 10
        policy = self._create_policy(trigger="daily", journal_id=second.id)
        orders = self._delivered_order() | self._delivered_order()
        invoices = policy._oms_job_invoice_orders(orders)
        self.assertEqual(len(invoices), 2)
        self.assertEqual(invoices.journal_id, second)
        # On shipment, through the queued job, the same.
        policy.trigger = "on_shipment"
        order = self._delivered_order()
        self._run_jobs()
        self.assertEqual(self._invoices(order).journal_id, second)

    def test_policy_journal_manual_invoice(self):
        # The invoice button (no job, no policy in the context) must invoice
        # in the journal of the order's policy too.
        second = self.env["account.journal"].create(
            {"name": "OMS Export Sales", "code": "OTX3", "type": "sale"}
        )
        second.sequence = self.sale_journal.sequence + 10
        self._create_policy(trigger="manual", journal_id=second.id)
        order = self._delivered_order()
        order.action_oms_create_invoice()
        self.assertEqual(self._invoices(order).journal_id, second)

    def test_non_sales_journal_refused(self):
        bank = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company),
                ("type", "in", ("bank", "general")),
            ],
            limit=1,
        )
        with self.assertRaises(ValidationError) as caught:
            self._create_policy(trigger="daily", journal_id=bank.id)
        self.assertIn("not a sales journal", str(caught.exception))
        policy = self._create_policy(trigger="daily")
        with self.assertRaises(ValidationError):
            policy.with_user(self.oms_manager).write({"journal_id": bank.id})
        self.assertEqual(policy.journal_id, self.sale_journal)

    def test_matching_and_partner_override(self):
        policy_in = self._create_policy(
            sequence=1, domain=f"[('partner_id', '=', {self.customer_in.id})]"
        )
        policy_all = self._create_policy(sequence=2)
        override = self._create_policy(sequence=3, trigger="weekly")
        order_in = self._create_order(partner=self.customer_in)
        order_de = self._create_order()
        self.assertEqual(order_in._oms_get_invoice_policy(), policy_in)
        self.assertEqual(order_de._oms_get_invoice_policy(), policy_all)
        self.customer_de.oms_invoice_policy_id = override
        self.assertEqual(order_de._oms_get_invoice_policy(), override)
        policies = self.env["oms.invoice.policy"]._oms_policies_for(order_in | order_de)
        self.assertEqual(policies, {order_in: policy_in, order_de: override})

    def test_identity_key_and_idempotence(self):
        policy = self._create_policy(trigger="daily")
        order = self._delivered_order()
        policy._oms_enqueue()
        policy._oms_enqueue()
        jobs = self.env["queue.job"].search(
            [
                ("model_name", "=", policy._name),
                ("method_name", "=", "_oms_job_invoice_orders"),
                ("id", "not in", self.jobs_before),
            ]
        )
        self.assertEqual(len(jobs), 1)
        first = policy._oms_job_invoice_orders(order)
        second = policy._oms_job_invoice_orders(order)
        self.assertEqual(len(first), 1)
        self.assertFalse(second)
        self.assertEqual(len(self._invoices(order)), 1)

    def test_failure_goes_to_fallout(self):
        policy = self._create_policy(trigger="daily")
        good = self._delivered_order()
        bad = self._delivered_order(partner=self.customer_in)
        SaleOrder = type(self.env["sale.order"])
        original = SaleOrder._prepare_invoice

        def failing(order):
            if order == bad:
                raise UserError(order.env._("Customer has no invoice address"))
            return original(order)

        with patch.object(SaleOrder, "_prepare_invoice", failing):
            policy._oms_job_invoice_orders(good | bad)
        self.assertEqual(good.invoice_status, "invoiced")
        self.assertFalse(bad.invoice_ids)
        fallout = self.env["oms.fallout"].search(
            [("order_id", "=", bad.id), ("step", "=", "invoicing")]
        )
        self.assertEqual(fallout.state, "open")
        self.assertIn("no invoice address", fallout.error)
        fallout.action_retry()
        self.assertEqual(fallout.state, "resolved")
        self.assertEqual(bad.invoice_status, "invoiced")

    def _invoicing_fallouts(self, orders):
        return self.env["oms.fallout"].search(
            [("order_id", "in", orders.ids), ("step", "=", "invoicing")]
        )

    def _conflict(self, error_class):
        """Patch the per-order step to hit a database conflict."""

        def conflicting(policy, orders):
            raise error_class("could not serialize access due to concurrent update")

        return patch.object(
            type(self.env["oms.invoice.policy"]), "_oms_invoice_group", conflicting
        )

    def test_db_conflict_is_retried_not_a_fallout(self):
        policy = self._create_policy(trigger="daily")
        order = self._delivered_order()
        for error_class in (
            psycopg2.errors.SerializationFailure,
            psycopg2.errors.DeadlockDetected,
            psycopg2.errors.LockNotAvailable,
        ):
            # Outside a job (a fallout retry, a cron): the error propagates
            # for the caller's transaction to be retried.
            with self._conflict(error_class), self.assertRaises(error_class):
                policy._oms_job_invoice_orders(order)
            # Inside a job: retryable, with the job function's backoff.
            job_policy = policy.with_context(job_uuid="oms-test")
            with (
                self._conflict(error_class),
                self.assertRaises(RetryableJobError) as ctx,
            ):
                job_policy._oms_job_invoice_orders(order)
            self.assertIsNone(ctx.exception.seconds)
            self.assertIsInstance(ctx.exception.__cause__, error_class)
        self.assertFalse(self._invoicing_fallouts(order))
        self.assertEqual(order.invoice_status, "to invoice")
        self.assertFalse(order.invoice_ids)

    def test_db_conflict_job_is_postponed_with_backoff(self):
        """Run the queued job as queue_job's runner does: the conflict
        postpones it per the retry pattern (60 s first), it stays pending
        and nothing is invoiced nor sent to the fallout queue."""
        policy = self._create_policy(trigger="daily")
        order = self._delivered_order()
        policy._oms_enqueue(order)
        job_record = self._pending_jobs()
        self.assertEqual(len(job_record), 1)
        job = Job.load(self.env, job_record.uuid)
        with (
            self._conflict(psycopg2.errors.SerializationFailure),
            self.assertRaises(RetryableJobError) as ctx,
        ):
            job.perform()
        before = fields.Datetime.now()
        job.postpone(result=str(ctx.exception), seconds=ctx.exception.seconds)
        job.set_pending(reset_retry=False)
        job.store()
        self.assertEqual(job_record.state, "pending")
        self.assertEqual(job_record.retry, 1)
        self.assertGreaterEqual(job_record.eta, before + relativedelta(seconds=59))
        self.assertFalse(self._invoicing_fallouts(order))
        self.assertEqual(order.invoice_status, "to invoice")
        # The retry, without the conflict, invoices the order.
        self._run_jobs()
        self.assertEqual(order.invoice_status, "invoiced")

    def test_business_error_in_job_still_a_fallout(self):
        policy = self._create_policy(trigger="daily")
        order = self._delivered_order()
        with self._conflict(lambda msg: UserError(msg)):
            invoices = policy.with_context(job_uuid="oms-test")._oms_job_invoice_orders(
                order
            )
        self.assertFalse(invoices)
        self.assertEqual(self._invoicing_fallouts(order).state, "open")
        self.assertEqual(order.invoice_status, "to invoice")
