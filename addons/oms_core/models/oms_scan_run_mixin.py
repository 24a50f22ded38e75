# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_datetime


class OmsScanRunMixin(models.AbstractModel):
    """The log of one run of a batch scan over a company's records (the
    jeopardy scan, the demurrage and detention scan...): when it ran, for
    which day, how long it took and whether a batch failed. Each scan adds
    its own counts; the cron writes the log, managers read it, and runs
    older than ``_oms_keep_days`` are removed by the autovacuum."""

    _name = "oms.scan.run.mixin"
    _description = "OMS Scan Run"
    _order = "date_start desc, id desc"
    _oms_keep_days = 90

    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    date_start = fields.Datetime(
        string="Started On", required=True, readonly=True, default=fields.Datetime.now
    )
    scan_date = fields.Date(readonly=True, help="The day the scan computed for.")
    duration = fields.Float(string="Duration (s)", digits=(16, 2), readonly=True)
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("error", "Done With Errors")],
        default="running",
        required=True,
        readonly=True,
    )

    # COMPUTE METHODS

    @api.depends("date_start", "company_id")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "%(scan)s of %(date)s (%(company)s)",
                scan=self._description,
                date=format_datetime(self.env, run.date_start),
                company=run.company_id.name,
            )

    # CRUD METHODS

    @api.autovacuum
    def _gc_old_scans(self):
        # Odoo's autovacuum calls this on every model that has it, the
        # abstract mixin too: only the scan logs hold records.
        if self._abstract:
            return
        limit = fields.Datetime.now() - timedelta(days=self._oms_keep_days)
        self.sudo().search([("date_start", "<", limit)]).unlink()

    # PUBLIC ACTIONS

    @api.model
    def action_oms_run_now(self):
        """ "Run Now" for OMS managers: the scheduled scan, run in the
        background as a task (``oms.background.task``) instead of through
        Settings > Scheduled Actions; the manager follows it and is
        notified."""
        self._oms_check_run_now()
        name, chunk_label = self._oms_get_run_now_labels()
        task = self.env["oms.background.task"]._oms_start(
            self.browse(), name, self._name, "_oms_task_run_scan", [(chunk_label, [])]
        )
        return task._oms_get_started_notification()

    # BUSINESS METHODS

    @api.model
    def _oms_check_run_now(self):
        if not self.env.user.has_group("oms_core.group_oms_manager"):
            raise AccessError(self.env._("Only OMS managers can run a scan by hand."))

    @api.model
    def _oms_get_run_now_labels(self):
        """``(task name, chunk label)`` of a run by hand."""
        raise NotImplementedError()

    @api.model
    def _oms_run_scheduled(self):
        """Run the scan as its scheduled action does."""
        raise NotImplementedError()

    def _oms_get_run_summary(self):
        """One line saying what this run did, for the starter."""
        raise NotImplementedError()

    @api.model
    def _oms_task_run_scan(self):
        """Chunk of the task: the scan's scheduled entry point, run as the
        scheduled action runs it (sudo: the scan writes what the system
        computes, the manager only chose when; rights are checked on start
        and here). Returns what the scan logged."""
        self._oms_check_run_now()
        Scan = self.sudo()
        last_id = Scan.search([], order="id desc", limit=1).id
        Scan._oms_run_scheduled()
        scans = Scan.search([("id", ">", last_id)])
        return "\n".join(scan._oms_get_run_summary() for scan in scans)

    @api.model
    def _oms_start_run(self, company, scan_date):
        """The log of a run starting now, and the clock to time it with.

        :returns: ``(run, started)``
        """
        # The log is written for whoever runs the scan (the cron, a fallout
        # retry, a test); only OMS managers read it.
        run = self.sudo().create({"company_id": company.id, "scan_date": scan_date})
        return run, time.monotonic()

    def _oms_finish_run(self, started, counts, failed_count_field):
        """Write the run's counts, duration and state (an error when
        ``counts[failed_count_field]``)."""
        self.ensure_one()
        self.write(
            {
                **counts,
                "duration": time.monotonic() - started,
                "state": "error" if counts.get(failed_count_field) else "done",
            }
        )
