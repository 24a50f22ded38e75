# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2.errors

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.oms_core.tests.common import worker_env

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestInvoiceConcurrency(OmsInvoicingCommon):
    """Two workers invoicing the same order at once create one invoice.

    Workers use their own database connections, so the order they share is
    created and committed outside the test transaction, then removed.
    """

    def _worker(self):
        return worker_env(self.env.cr.dbname)

    def _setup_committed(self):
        with self._worker() as env:
            partner = env["res.partner"].create({"name": "OMS concurrency customer"})
            product = env["product.product"].create(
                {
                    "name": "OMS concurrency service",
                    "type": "service",
                    "invoice_policy": "order",
                    "list_price": 100.0,
                }
            )
            policy = env["oms.invoice.policy"].create(
                {
                    "name": "OMS concurrency policy",
                    "trigger": "daily",
                    "journal_id": self.sale_journal.id,
                    "company_id": self.company.id,
                    "auto_post": False,
                    "sequence": -100,
                    "rule_ids": [
                        Command.create(
                            {
                                "name": "OMS concurrency customer",
                                "domain": f"[('partner_id', '=', {partner.id})]",
                                "sequence": -100,
                                "company_id": self.company.id,
                            }
                        )
                    ],
                }
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                    ],
                }
            )
            order.action_confirm()
            env.cr.commit()  # a separate connection: workers must see it
            return partner.id, product.id, policy.id, order.id

    def _cleanup(self, partner_id, product_id, policy_id, order_id):
        with self._worker() as env:
            order = env["sale.order"].browse(order_id)
            moves = order.invoice_ids
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            order._action_cancel()
            order.unlink()
            env["oms.invoice.policy"].browse(policy_id).unlink()
            env["product.product"].browse(product_id).product_tmpl_id.unlink()
            env["res.partner"].browse(partner_id).unlink()
            env.cr.commit()  # our own connection: undo what we committed

    def _invoice_count(self, order_id):
        with self._worker() as env:
            return len(env["sale.order"].browse(order_id).invoice_ids)

    def test_two_workers_one_invoice(self):
        ids = self._setup_committed()
        policy_id, order_id = ids[2:]
        try:
            with self._worker() as env_a, self._worker() as env_b:
                policy_a = env_a["oms.invoice.policy"].browse(policy_id)
                policy_b = env_b["oms.invoice.policy"].browse(policy_id)
                order_a = env_a["sale.order"].browse(order_id)
                order_b = env_b["sale.order"].browse(order_id)
                self.assertEqual(order_b.invoice_status, "to invoice")
                # Worker A invoices and still holds the order's row lock...
                invoices_a = policy_a._oms_job_invoice_orders(order_a)
                self.assertEqual(len(invoices_a), 1)
                # ... worker B runs the same batch meanwhile: it skips it.
                invoices_b = policy_b._oms_job_invoice_orders(order_b)
                self.assertFalse(invoices_b)
                env_a.cr.commit()
                env_b.cr.rollback()
            # B's job retried later (new transaction): already invoiced.
            with self._worker() as env_b:
                policy_b = env_b["oms.invoice.policy"].browse(policy_id)
                again = policy_b._oms_job_invoice_orders(
                    env_b["sale.order"].browse(order_id)
                )
                self.assertFalse(again)
                env_b.cr.commit()
            self.assertEqual(self._invoice_count(order_id), 1)
        finally:
            self._cleanup(*ids)

    def test_lock_conflict_is_retried_not_a_fallout(self):
        """A real database conflict inside the per-order savepoint (the
        order lines locked by another transaction past ``lock_timeout``)
        aborts the job for queue_job to retry; no fallout is opened."""
        ids = self._setup_committed()
        policy_id, order_id = ids[2:]
        try:
            with self._worker() as env_a, self._worker() as env_b:
                # Another transaction updates the order's lines meanwhile.
                env_a.cr.execute(
                    "SELECT id FROM sale_order_line WHERE order_id = %s FOR UPDATE",
                    [order_id],
                )
                env_b.cr.execute("SET lock_timeout = '1s'")
                policy_b = env_b["oms.invoice.policy"].browse(policy_id)
                order_b = env_b["sale.order"].browse(order_id)
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(psycopg2.errors.LockNotAvailable),
                ):
                    policy_b._oms_job_invoice_orders(order_b)
                # As queue_job does: the job's transaction is rolled back.
                env_b.cr.rollback()
                env_a.cr.rollback()
            with self._worker() as env:
                self.assertFalse(
                    env["oms.fallout"].search([("order_id", "=", order_id)])
                )
                order = env["sale.order"].browse(order_id)
                self.assertEqual(order.invoice_status, "to invoice")
            # The retry, once the lock is gone, invoices the order once.
            with self._worker() as env:
                policy = env["oms.invoice.policy"].browse(policy_id)
                invoices = policy._oms_job_invoice_orders(
                    env["sale.order"].browse(order_id)
                )
                self.assertEqual(len(invoices), 1)
                env.cr.commit()
            self.assertEqual(self._invoice_count(order_id), 1)
        finally:
            self._cleanup(*ids)
