# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.addons.queue_job.job import Job


class BackgroundTaskTestMixin:
    """Runs background task jobs as the job runner does (queue_job's
    trap_jobs() helper does not import on this Odoo 18): each job is
    loaded, performed as its user, marked done and stored."""

    def _task_jobs(self, task):
        """The queue jobs of ``task``, chunk jobs in order then the finish."""
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search([("model_name", "=", "oms.background.task")], order="id")
        )
        return jobs.filtered(
            lambda job: (
                job.records.ids == task.ids
                and job.state not in ("done", "cancelled", "failed")
            )
        )

    def _perform_task_jobs(self, task, limit=None):
        """Perform the jobs of ``task`` ready to run (the first ``limit``),
        in the order of their chain: a job done enqueues the next."""
        results = []
        while limit is None or len(results) < limit:
            ready = self._task_jobs(task).filtered(lambda j: j.state == "pending")
            if not ready:
                break
            job = Job.load(self.env, ready[0].uuid)
            results.append(job.perform())
            job.set_done()
            job.store()
            # enqueue_waiting reads the job's state in SQL.
            self.env.flush_all()
            job.enqueue_waiting()
        task.invalidate_recordset()
        return results

    def _bus_notifications(self, partner):
        """Simple notifications sent to ``partner`` in this transaction (the
        bus writes them on commit)."""
        return [
            message["payload"]
            for channel, message in (
                (json.loads(values["channel"]), json.loads(values["message"]))
                for values in self.env.cr.precommit.data.get("bus.bus.values", [])
            )
            if channel[1:] == ["res.partner", partner.id]
            and message["type"] == "simple_notification"
        ]
