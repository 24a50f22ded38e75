# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.queue_job.delay import chain

# Tasks whose chunks still wait or run: a second start returns them.
ACTIVE_STATES = ("queued", "running")


class OmsBackgroundTask(models.Model):
    """One piece of long work a user started (documents to prepare, a scan
    run by hand, a file import, a cash application run...): what, for which
    record, who, and how far it got.

    The work is split into chunks (``oms.background.task.chunk``), each run
    by a queue job that commits on its own, so the progress (finished chunks
    of all) shows while the user keeps working. The chunk jobs of a task are
    chained, then a last job ends the task and notifies its starter: they
    never run at the same time, so each may write the task's row without a
    database conflict. Tasks are written by these methods only: users read
    them (their own; OMS managers every task of their companies).
    """

    _name = "oms.background.task"
    _description = "OMS Background Task"
    _order = "create_date desc, id desc"
    _oms_keep_days = 90

    name = fields.Char(required=True, readonly=True)
    res_model = fields.Char(string="Record Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", readonly=True, index=True
    )
    record_name = fields.Char(string="Record", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Started By",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    chunk_model = fields.Char(readonly=True, required=True)
    chunk_method = fields.Char(readonly=True, required=True)
    channel = fields.Char(readonly=True)
    chunk_ids = fields.One2many(
        "oms.background.task.chunk", "task_id", string="Chunks", readonly=True
    )
    chunk_count = fields.Integer(string="Total", compute="_compute_progress")
    chunk_finished_count = fields.Integer(
        string="Progress", compute="_compute_progress"
    )
    chunk_failed_count = fields.Integer(string="Failed", compute="_compute_progress")
    stuck = fields.Boolean(
        compute="_compute_progress",
        help="A chunk's job failed outright (its retries ran out): the "
        "following chunks wait for a Retry.",
    )
    date_done = fields.Datetime(string="Finished On", readonly=True)
    result_message = fields.Text(string="Result", readonly=True)

    # COMPUTE METHODS

    @api.depends("chunk_ids.state")
    def _compute_progress(self):
        groups = {
            (task.id, state): count
            for task, state, count in self.env["oms.background.task.chunk"]._read_group(
                [("task_id", "in", self.ids)], ["task_id", "state"], ["__count"]
            )
        }
        stuck = set(self.chunk_ids._get_stuck_chunks().task_id.ids)
        for task in self:
            done = groups.get((task.id, "done"), 0)
            failed = groups.get((task.id, "failed"), 0)
            task.chunk_count = done + failed + groups.get((task.id, "queued"), 0)
            task.chunk_finished_count = done + failed
            task.chunk_failed_count = failed
            task.stuck = task.id in stuck

    # CRUD METHODS

    @api.autovacuum
    def _gc_old_tasks(self):
        """Tasks ended more than ``_oms_keep_days`` ago are removed."""
        limit = fields.Datetime.now() - timedelta(days=self._oms_keep_days)
        self.sudo().search(
            [("state", "in", ("done", "failed")), ("date_done", "<", limit)]
        ).unlink()

    # PUBLIC ACTIONS

    def action_open_record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }

    def action_retry(self):
        """Run again what did not run well: the failed chunks, the chunk
        whose job failed outright and those waiting behind it; then end the
        task again. Its starter or an OMS manager may retry."""
        for task in self:
            task._check_can_retry()
            if task.state != "failed" and not task.stuck:
                raise UserError(
                    self.env._("%s is still running: wait for its end.", task.name)
                )
        for task in self:
            chunks = task.chunk_ids.filtered(lambda c: c.state != "done")
            task._cancel_waiting_jobs()
            # sudo: tasks are read only for everyone; the retry is checked.
            chunks.sudo().write({"state": "queued", "error": False})
            task.sudo().write(
                {"state": "queued", "date_done": False, "result_message": False}
            )
            task._enqueue(chunks)
        return True

    # BUSINESS METHODS

    def _oms_get_started_notification(
        self, message=None, warning=None, next_action=None
    ):
        """The client action a button returns once it started the task: the
        user keeps working and is notified when it ends. ``warning`` (what
        will not be done) turns it into a sticky warning; ``next_action``
        follows it (default: reload the view)."""
        self.ensure_one()
        lines = [
            message
            or self.env._(
                "%(count)s step(s) queued. You can keep working: you will be "
                "notified when it is done (see Order Management > Orders > "
                "Background Work).",
                count=self.chunk_count,
            )
        ]
        if warning:
            lines.append(warning)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.name,
                "message": "\n".join(lines),
                "type": "warning" if warning else "info",
                "sticky": bool(warning),
                "next": next_action
                or {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _oms_start(self, record, name, chunk_model, chunk_method, chunks, channel=None):
        """Start a task about ``record``: one chunk job per item of
        ``chunks`` (``[(label, record ids[, model[, args]])]``), each calling
        ``env[chunk_model].browse(ids).<chunk_method>(*args)`` as the
        current user.
        A task of the same record and method still waiting or running is
        returned instead of a second one.

        :returns: the task (in the caller's environment)
        """
        if not chunk_method.startswith("_oms_"):
            # Only the OMS's own private entry points run as chunks.
            raise UserError(
                self.env._("%s cannot run in the background.", chunk_method)
            )
        active = self._get_active_task(record, chunk_method)
        if active and not active.stuck:
            return active
        if active:
            # Its chain stopped on a job that failed outright: this start
            # replaces it.
            active._cancel_waiting_jobs()
            active.sudo().write(
                {
                    "state": "failed",
                    "date_done": fields.Datetime.now(),
                    "result_message": self.env._("Replaced by a new start."),
                }
            )
        vals = self._prepare_task_vals(record, name, chunk_model, chunk_method, channel)
        vals["chunk_ids"] = [
            (0, 0, self._prepare_chunk_vals(index, *chunk))
            for index, chunk in enumerate(chunks)
        ]
        # sudo: nobody creates tasks through RPC; this method is the door.
        task = self.sudo().create(vals).with_env(self.env)
        task._enqueue(task.chunk_ids)
        return task

    @api.model
    def _get_active_task(self, record, chunk_method):
        return (
            self.sudo()
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id or 0),
                    ("chunk_method", "=", chunk_method),
                    ("state", "in", ACTIVE_STATES),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
            .with_env(self.env)
        )

    @api.model
    def _get_latest_tasks(self, records, chunk_method):
        """``{record id: its latest task running chunk_method}``, for the
        forms that show a task's progress to everyone on the record."""
        if not records.ids:
            return {}
        # sudo: a coworker sees the progress of the work on a record they
        # read, not only of the work they started.
        tasks = self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("chunk_method", "=", chunk_method),
            ],
            order="id desc",
        )
        latest = {}
        for task in tasks:
            latest.setdefault(task.res_id, task)
        return latest

    @api.model
    def _prepare_task_vals(self, record, name, chunk_model, chunk_method, channel):
        return {
            "name": name,
            "res_model": record._name,
            "res_id": record.id or 0,
            "record_name": record.display_name if record else False,
            "user_id": self.env.uid,
            "company_id": (
                record.company_id.id
                if "company_id" in record and record.company_id
                else self.env.company.id
            ),
            "chunk_model": chunk_model,
            "chunk_method": chunk_method,
            "channel": channel,
        }

    @api.model
    def _prepare_chunk_vals(self, sequence, label, ids, res_model=None, args=None):
        """A chunk runs ``chunk_method`` on ``ids`` of the task's chunk
        model, or of ``res_model`` (a task over records of two models), with
        the JSON-serializable ``args``."""
        return {
            "sequence": sequence,
            "name": label,
            "res_ids": list(ids),
            "res_model": res_model,
            "args": args or [],
        }

    def _enqueue(self, chunks):
        """Chain one job per chunk, then the job that ends the task."""
        self.ensure_one()
        options = {"channel": self.channel} if self.channel else {}
        delayables = [
            self.delayable(
                description=self.env._(
                    "%(task)s: %(chunk)s", task=self.name, chunk=chunk.name
                ),
                **options,
            )._oms_run_chunk(chunk.id)
            for chunk in chunks.sorted("sequence")
        ]
        finish = self.delayable(
            description=self.env._("%s: finish", self.name), **options
        )._oms_finish()
        chain(*delayables, finish).delay()
        for chunk, delayable in zip(chunks.sorted("sequence"), delayables, strict=True):
            chunk.sudo().job_uuid = delayable._generated_job.uuid

    def _cancel_waiting_jobs(self):
        """Cancel the jobs of this task's chain still waiting on a job that
        failed (they would run after a requeue of it, twice with a retry)."""
        self.ensure_one()
        jobs = self.chunk_ids._get_jobs().values()
        graphs = {job.graph_uuid for job in jobs if job.graph_uuid}
        if not graphs:
            return
        # sudo: the task's own jobs, which users may not write.
        waiting = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("graph_uuid", "in", list(graphs)),
                    ("state", "=", "wait_dependencies"),
                ]
            )
        )
        waiting.button_cancelled()

    def _check_can_retry(self):
        self.ensure_one()
        if self.user_id == self.env.user or self.env.user.has_group(
            "oms_core.group_oms_manager"
        ):
            self.check_access("read")
            return
        raise AccessError(
            self.env._("Only its starter or an OMS manager can retry %s.", self.name)
        )

    def _oms_run_chunk(self, chunk_id):
        """Queue job: run one chunk (see ``oms.background.task.chunk``)."""
        self.ensure_one()
        chunk = self.env["oms.background.task.chunk"].sudo().browse(chunk_id)
        if self.state == "queued":
            self.sudo().state = "running"
        return chunk._run()

    def _oms_finish(self):
        """Queue job, last of the chain: end the task, log its result on the
        record and notify its starter."""
        self.ensure_one()
        task = self.sudo()
        failed = task.chunk_ids.filtered(lambda c: c.state == "failed")
        message = task._get_result_message()
        task.write(
            {
                "state": "failed" if failed else "done",
                "date_done": fields.Datetime.now(),
                "result_message": message,
            }
        )
        task._log_on_record(message)
        task._notify_user(message)
        return message

    def _get_result_message(self):
        self.ensure_one()
        lines = [
            chunk.result
            for chunk in self.chunk_ids.sorted("sequence")
            if chunk.state == "done" and chunk.result
        ]
        failed = self.chunk_ids.filtered(lambda c: c.state == "failed")
        if failed:
            lines.append(
                self.env._(
                    "Failed: %s",
                    "; ".join(f"{chunk.name}: {chunk.error}" for chunk in failed),
                )
            )
        return "\n".join(lines) or self.env._("Done.")

    def _get_failure_message(self):
        """Why chunks of the task failed (their error, or their job's), or
        False."""
        self.ensure_one()
        failed = self.chunk_ids.filtered(lambda c: c.state == "failed")
        stuck = self.chunk_ids._get_stuck_chunks()
        jobs = stuck._get_jobs()
        reasons = [f"{chunk.name}: {chunk.error}" for chunk in failed] + [
            f"{chunk.name}: "
            f"{jobs[chunk.job_uuid].exc_message or jobs[chunk.job_uuid].exc_name}"
            for chunk in stuck
        ]
        return "\n".join(reasons) or False

    def _get_record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id).exists()

    def _log_on_record(self, message):
        record = self._get_record()
        if record and hasattr(record, "_message_log"):
            record._message_log(body=f"{self.name}: {message}")

    def _notify_user(self, message):
        failed = self.state == "failed"
        self.user_id.partner_id._bus_send(
            "simple_notification",
            {
                "type": "warning" if failed else "success",
                "title": self.name,
                "message": message,
                "sticky": failed,
            },
        )
