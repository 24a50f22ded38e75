# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from odoo.addons.oms_core.tests.common import OmsCoreCommon
from odoo.addons.queue_job.job import Job


class OmsInvoicingCommon(OmsCoreCommon):
    """Order-to-cash fixtures: a sales journal, reasons, policy builder and
    delivered orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tests build their own policies: shipped samples must not interfere.
        cls.env["oms.invoice.policy"].search([]).active = False
        # Nor the jobs the demo story left pending.
        cls.jobs_before = cls.env["queue.job"].search([]).ids
        cls.sale_journal = cls.env["account.journal"].search(
            [
                *cls.env["account.journal"]._check_company_domain(cls.company),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        cls.reason_return = cls.env.ref("oms_finance.oms_reason_return_damaged")
        cls.reason_credit = cls.env.ref("oms_finance.oms_reason_credit_price")

    @classmethod
    def _create_policy(cls, domain="[]", **vals):
        """A policy and the OMS rule saying which orders it applies to
        (``domain``; ``None``: no rule), with the policy's sequence."""
        vals = {
            "name": "Test policy",
            "trigger": "daily",
            "journal_id": cls.sale_journal.id,
            "company_id": cls.company.id,
            **vals,
        }
        if domain is not None:
            vals["rule_ids"] = [
                Command.create(
                    {
                        "name": vals["name"],
                        "domain": domain,
                        "sequence": vals.get("sequence", 10),
                        "company_id": vals["company_id"],
                    }
                )
            ]
        return cls.env["oms.invoice.policy"].create(vals)

    def _delivered_order(self, partner=None, lines=None, qty=None):
        order = self._create_order(partner=partner, lines=lines)
        order.action_confirm()
        self._deliver(order, qty)
        return order

    def _invoiced_order(self, **kwargs):
        order = self._delivered_order(**kwargs)
        order._create_invoices().action_post()
        return order

    def _receive(self, pickings):
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.button_validate()

    def _pending_jobs(self):
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "oms.invoice.policy"),
                ("method_name", "=", "_oms_job_invoice_orders"),
                ("state", "=", "pending"),
                ("id", "not in", self.jobs_before),
            ]
        )

    def _run_jobs(self):
        """Run the pending invoicing jobs synchronously, as the runner would."""
        for job_record in self._pending_jobs():
            job = Job.load(self.env, job_record.uuid)
            job.perform()
            job.set_done()
            job.store()
