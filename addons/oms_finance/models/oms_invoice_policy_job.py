# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsInvoicePolicy(models.Model):
    """ "Invoice Now" as a background task (``oms.background.task``): one
    chunk per batch of orders (the batches ``_oms_enqueue`` queues), so the
    user sees how many batches are invoiced and is notified with what was
    invoiced and what failed. ``action_run_now`` stays for code."""

    _inherit = "oms.invoice.policy"

    # PUBLIC ACTIONS

    def action_run_now_job(self):
        # Whoever may read the policy may run it now, as before; the
        # invoicing itself runs with the user's rights.
        self.check_access("read")
        todo = {policy: policy._oms_get_invoiceable_orders() for policy in self}
        tasks = self.env["oms.background.task"]
        for policy, orders in todo.items():
            if not orders:
                continue
            tasks |= self.env["oms.background.task"]._oms_start(
                policy,
                self.env._("Invoice Now: %s", policy.name),
                self._name,
                "_oms_task_invoice_orders",
                policy._oms_get_task_chunks(orders),
            )
        action = self._oms_invoice_now_notification(todo, tasks.chunk_ids)
        action["params"]["next"] = {"type": "ir.actions.client", "tag": "soft_reload"}
        return action

    def action_view_background_tasks(self):
        """The "Invoice Now" runs of this policy: progress, result, failures
        (the user's own; OMS managers see every run)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_core.oms_background_task_action"
        )
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {}
        return action

    # BUSINESS METHODS

    def _oms_get_task_chunks(self, orders):
        """``[(label, [policy id], None, [order ids])]``: the batches."""
        self.ensure_one()
        return [
            (
                self.env._("%s orders", len(batch)),
                self.ids,
                None,
                [batch.ids],
            )
            for batch in (
                orders[start : start + self.batch_size]
                for start in range(0, len(orders), self.batch_size)
            )
        ]

    def _oms_task_invoice_orders(self, order_ids):
        """Chunk of an "Invoice Now" task: invoice these orders (see
        ``_oms_job_invoice_orders``: idempotent, failures become fallouts)
        and say what was done."""
        orders = self.env["sale.order"].browse(order_ids).exists()
        invoices = self._oms_job_invoice_orders(orders)
        left = orders.filtered(lambda o: o.invoice_status == "to invoice")
        message = self.env._(
            "%(orders)s orders, %(invoices)s invoices created",
            orders=len(orders),
            invoices=len(invoices),
        )
        if left:
            message += self.env._(
                "; not invoiced (see Fallouts): %s", ", ".join(left.mapped("name"))
            )
        return message
