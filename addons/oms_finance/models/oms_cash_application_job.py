# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo import api, models
from odoo.tools import split_every


class OmsCashApplication(models.Model):
    """ "Run Cash Application" in the background: the statement lines and
    payments to apply are split into chunks (``oms.background.task``), so
    the accountant sees the progress, keeps working and is notified; a
    chunk's failure is shown with its reason. ``action_run`` stays the
    synchronous run of the cron and of code."""

    _inherit = "oms.cash.application"

    _oms_task_batch_size = 50

    # PUBLIC ACTIONS

    @api.model
    def action_run_job(self):
        self.check_access("create")
        companies = self.env.companies
        lines = self.env["account.bank.statement.line"].search(
            self._get_statement_line_domain(companies)
        )
        payments = self.env["account.payment"].search(
            self._get_payment_domain(companies)
        )
        chunks = self._oms_get_task_chunks(lines, payments)
        if not chunks:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "title": self.env._("Cash application"),
                    "message": self.env._("No statement line or payment to apply."),
                    "type": "info",
                },
            }
        task = self.env["oms.background.task"]._oms_start(
            self.browse(),
            self.env._("Cash application"),
            "account.bank.statement.line",
            "_oms_task_apply_cash",
            chunks,
        )
        return task._oms_get_started_notification()

    # BUSINESS METHODS

    @api.model
    def _oms_get_task_chunks(self, lines, payments):
        """``[(label, ids, model)]``: the sources in batches."""
        size = self._oms_task_batch_size
        return [
            (self.env._("%s statement lines", len(ids)), ids, lines._name)
            for ids in split_every(size, lines.ids, list)
        ] + [
            (self.env._("%s payments", len(ids)), ids, payments._name)
            for ids in split_every(size, payments.ids, list)
        ]

    @api.model
    def _oms_get_run_summary(self, applications):
        """What a run did, by state, for the task's result."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        counts = Counter(applications.mapped("state"))
        return ", ".join(
            f"{labels[state]}: {count}" for state, count in sorted(counts.items())
        )
