# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import fields, models

from ..tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)

# Queue job states after which a chunk's job will not run again by itself.
JOB_DEAD_STATES = ("failed", "cancelled")


class OmsBackgroundTaskChunk(models.Model):
    """One chunk of a background task (a document, a batch of records): its
    own queue job runs it in a savepoint; a business error is kept as the
    chunk's failure and the task goes on, a database conflict is retried by
    queue_job. Idempotent: a chunk done is not run again, and the methods
    chunks call skip what is already done."""

    _name = "oms.background.task.chunk"
    _description = "OMS Background Task Chunk"
    _order = "task_id, sequence, id"

    task_id = fields.Many2one(
        "oms.background.task",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char(required=True, readonly=True)
    res_model = fields.Char(
        string="Record Model",
        readonly=True,
        help="The model of the records, when not the task's chunk model.",
    )
    res_ids = fields.Json(string="Record IDs", readonly=True)
    args = fields.Json(string="Arguments", readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
    )
    result = fields.Text(readonly=True)
    error = fields.Text(string="Failure Reason", readonly=True)
    job_uuid = fields.Char(string="Job UUID", readonly=True, index=True)
    job_state = fields.Char(compute="_compute_job_state")

    # COMPUTE METHODS

    def _compute_job_state(self):
        jobs = self._get_jobs()
        for chunk in self:
            job = jobs.get(chunk.job_uuid)
            chunk.job_state = job.state if job else False

    # BUSINESS METHODS

    def _get_jobs(self):
        """``{uuid: queue.job}`` of these chunks."""
        uuids = [uuid for uuid in self.mapped("job_uuid") if uuid]
        if not uuids:
            return {}
        # sudo: users may not read queue jobs; only their state is shown.
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)])
        return {job.uuid: job for job in jobs}

    def _get_stuck_chunks(self):
        """Chunks not run whose job failed outright or was cancelled."""
        jobs = self._get_jobs()
        return self.filtered(
            lambda c: (
                c.state == "queued"
                and c.job_uuid in jobs
                and jobs[c.job_uuid].state in JOB_DEAD_STATES
            )
        )

    def _run(self):
        """Run the chunk as the task's starter (``self`` is sudo: the chunk's
        state is the system's). Returns the chunk's result."""
        self.ensure_one()
        if self.state != "queued":
            return self.result
        task = self.task_id
        user_env = self.env(su=False)
        model = self.res_model or task.chunk_model
        records = user_env[model].browse(self.res_ids or []).exists()
        try:
            with self.env.cr.savepoint():
                result = getattr(records, task.chunk_method)(*(self.args or []))
        except Exception as error:  # pylint: disable=broad-except
            # A conflict is retried by queue_job; anything else is the
            # chunk's failure, shown with its reason and a Retry.
            raise_if_db_conflict(self.env, error)
            _logger.warning(
                "OMS background task %s, %s failed", task.name, self.name, exc_info=True
            )
            self.write({"state": "failed", "error": str(error)})
            return str(error)
        result = result if isinstance(result, str) else False
        self.write({"state": "done", "result": result, "error": False})
        return result
