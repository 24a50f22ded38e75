# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.queue_job.job import Job

from .background_task_common import BackgroundTaskTestMixin
from .common import OmsCoreCommon

CHUNK_LOGGER = "odoo.addons.oms_core.models.oms_background_task_chunk"


@tagged("post_install", "-at_install")
class TestBackgroundTask(BackgroundTaskTestMixin, OmsCoreCommon):
    """Long work runs as a background task: one chained job per chunk,
    progress as chunks end, a notification at the end, failures kept with
    their reason and a Retry, read only for everyone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"OMS Task {index}"} for index in range(3)]
        )

    def setUp(self):
        super().setUp()
        self.calls = []

    def _chunk_method(self):
        """The work of a chunk: renames the partners, fails on one."""

        def _oms_task_test(records):
            self.calls.append(records.ids)
            if any(partner.name == "OMS Task fail" for partner in records):
                raise UserError(records.env._("This partner cannot be processed"))
            return f"{', '.join(records.mapped('name'))}: done"

        return patch.object(
            type(self.env["res.partner"]), "_oms_task_test", _oms_task_test, create=True
        )

    def _start(self, user=None, partners=None):
        partners = partners or self.partners
        Task = self.env["oms.background.task"].with_user(user or self.oms_user)
        return Task._oms_start(
            partners[0],
            "Rename partners",
            "res.partner",
            "_oms_task_test",
            [(partner.name, partner.ids) for partner in partners],
        )

    def test_progress_and_notification(self):
        with self._chunk_method():
            task = self._start()
            self.assertRecordValues(
                task,
                [
                    {
                        "state": "queued",
                        "user_id": self.oms_user.id,
                        "chunk_count": 3,
                        "chunk_finished_count": 0,
                    }
                ],
            )
            # Four jobs: one per chunk, then the finish; nothing ran yet.
            self.assertEqual(len(self._task_jobs(task)), 4)
            self.assertFalse(self.calls)
            self._perform_task_jobs(task, limit=1)
            self.assertRecordValues(
                task, [{"state": "running", "chunk_finished_count": 1}]
            )
            self.assertEqual(self.calls, [self.partners[0].ids])
            self.assertFalse(self._bus_notifications(self.oms_user.partner_id))
            self._perform_task_jobs(task)
        self.assertRecordValues(
            task,
            [{"state": "done", "chunk_finished_count": 3, "chunk_failed_count": 0}],
        )
        self.assertTrue(task.date_done)
        self.assertIn("OMS Task 2: done", task.result_message)
        notifications = self._bus_notifications(self.oms_user.partner_id)
        self.assertEqual(len(notifications), 1)
        self.assertEqual(notifications[0]["type"], "success")
        self.assertIn("OMS Task 1: done", notifications[0]["message"])
        # The record the task is about has it in its chatter.
        self.assertIn("Rename partners", self.partners[0].message_ids[0].body)

    def test_started_once_while_it_runs(self):
        with self._chunk_method():
            task = self._start()
            self.assertEqual(self._start(), task)
            self.assertEqual(len(self._task_jobs(task)), 4)
            self._perform_task_jobs(task)
            self.assertNotEqual(self._start(), task)

    def test_failed_chunk_and_retry(self):
        self.partners[1].name = "OMS Task fail"
        with self._chunk_method():
            task = self._start()
            with mute_logger(CHUNK_LOGGER):
                self._perform_task_jobs(task)
            self.assertRecordValues(
                task,
                [
                    {
                        "state": "failed",
                        "chunk_finished_count": 3,
                        "chunk_failed_count": 1,
                    }
                ],
            )
            failed = task.chunk_ids.filtered(lambda c: c.state == "failed")
            self.assertEqual(failed.error, "This partner cannot be processed")
            # The other chunks went on.
            self.assertIn(self.partners[2].ids, self.calls)
            self.assertIn("This partner cannot be processed", task.result_message)
            notification = self._bus_notifications(self.oms_user.partner_id)[0]
            self.assertEqual(notification["type"], "warning")
            self.assertIn("This partner cannot be processed", notification["message"])
            # Fixed, then retried by its starter: only the failed chunk runs.
            self.partners[1].name = "OMS Task 1"
            self.calls.clear()
            task.with_user(self.oms_user).action_retry()
            self.assertEqual(task.state, "queued")
            self.assertEqual(task.chunk_finished_count, 2)
            self._perform_task_jobs(task)
        self.assertEqual(self.calls, [self.partners[1].ids])
        self.assertRecordValues(task, [{"state": "done", "chunk_failed_count": 0}])

    def test_job_failed_outright_then_retry(self):
        with self._chunk_method():
            task = self._start()
            # The first chunk's retries ran out (as the job runner records
            # it): the chunks behind it wait, the task shows why.
            first = Job.load(self.env, task.chunk_ids[0].job_uuid)
            first.set_failed(exc_name="OperationalError", exc_message="Lock timeout")
            first.store()
            task.invalidate_recordset()
            self.assertTrue(task.stuck)
            self.assertIn("Lock timeout", task._get_failure_message())
            self.assertEqual(
                task.with_user(self.oms_user).chunk_ids[0].job_state, "failed"
            )
            task.with_user(self.oms_user).action_retry()
            task.invalidate_recordset()
            self.assertFalse(task.stuck)
            # The old chain's waiting jobs are cancelled, the new chain runs
            # every chunk once.
            self._perform_task_jobs(task)
        self.assertEqual(len(self.calls), 3)
        self.assertRecordValues(task, [{"state": "done", "chunk_finished_count": 3}])

    def test_chunk_runs_once(self):
        with self._chunk_method():
            task = self._start()
            self._perform_task_jobs(task)
            self.calls.clear()
            chunk = task.chunk_ids[0]
            # A job run again (the runner retried it) finds its chunk done.
            task._oms_run_chunk(chunk.id)
        self.assertFalse(self.calls)

    def test_read_only_and_private(self):
        with self._chunk_method():
            task = self._start()
        other = new_test_user(
            self.env, login="oms_task_other", groups="oms_core.group_oms_user"
        )
        # The starter reads it; another user does not; a manager does.
        self.assertEqual(task.with_user(self.oms_user).name, "Rename partners")
        with self.assertRaises(AccessError):
            task.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            task.chunk_ids.with_user(other).read(["name"])
        self.assertEqual(
            self.env["oms.background.task"]
            .with_user(self.oms_manager)
            .search([("id", "=", task.id)]),
            task,
        )
        with self.assertRaises(AccessError):
            task.with_user(other).action_retry()
        # Nobody writes, creates or deletes them through RPC, not even the
        # starter or a manager.
        for user in (self.oms_user, self.oms_manager):
            with self.assertRaises(AccessError):
                task.with_user(user).write({"state": "done"})
            with self.assertRaises(AccessError):
                task.chunk_ids[0].with_user(user).write({"state": "done"})
            with self.assertRaises(AccessError):
                self.env["oms.background.task"].with_user(user).create(
                    {
                        "name": "Forged",
                        "chunk_model": "res.partner",
                        "chunk_method": "unlink",
                    }
                )
            with self.assertRaises(AccessError):
                task.with_user(user).unlink()
        self.assertRecordValues(task, [{"state": "queued", "chunk_finished_count": 0}])

    def test_old_tasks_are_vacuumed(self):
        with self._chunk_method():
            old, recent = self._start(), self._start(partners=self.partners[1:])
            self._perform_task_jobs(old)
            self._perform_task_jobs(recent)
        old.sudo().date_done = "2020-01-01 00:00:00"
        self.env["oms.background.task"]._gc_old_tasks()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())

    def test_only_oms_methods_run(self):
        with self.assertRaises(UserError):
            self.env["oms.background.task"]._oms_start(
                self.partners,
                "Delete",
                "res.partner",
                "unlink",
                [("x", self.partners.ids)],
            )
        self.assertTrue(self.partners.exists())

    def test_other_company_task_is_hidden(self):
        other_company = self.env["res.company"].create({"name": "OMS Task Other"})
        self.oms_manager.company_ids |= other_company
        with self._chunk_method():
            task = self._start(user=self.oms_manager)
        task.sudo().company_id = other_company
        Task = self.env["oms.background.task"].with_user(self.oms_manager)
        self.assertFalse(
            Task.with_context(allowed_company_ids=self.company.ids).search(
                [("id", "=", task.id)]
            )
        )
