# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .background_task_common import BackgroundTaskTestMixin
from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestJeopardyScanRunNow(BackgroundTaskTestMixin, OmsCoreCommon):
    """OMS managers run the jeopardy scan now, in the background."""

    def test_manager_runs_the_scan(self):
        Scan = self.env["oms.jeopardy.scan"]
        before = Scan.search([])
        action = Scan.with_user(self.oms_manager).action_oms_run_now()
        self.assertEqual(action["tag"], "display_notification")
        task = self.env["oms.background.task"].search(
            [("res_model", "=", "oms.jeopardy.scan")], limit=1
        )
        self.assertRecordValues(
            task,
            [{"state": "queued", "user_id": self.oms_manager.id, "chunk_count": 1}],
        )
        # Nothing ran yet: the manager keeps working.
        self.assertEqual(Scan.search([]), before)
        self._perform_task_jobs(task)
        scans = Scan.search([]) - before
        self.assertTrue(scans)
        self.assertRecordValues(task, [{"state": "done", "chunk_finished_count": 1}])
        self.assertIn("lines scanned", task.result_message)
        notifications = self._bus_notifications(self.oms_manager.partner_id)
        self.assertIn("lines scanned", notifications[0]["message"])

    def test_user_cannot_run_the_scan(self):
        with self.assertRaises(AccessError):
            self.env["oms.jeopardy.scan"].with_user(self.oms_user).action_oms_run_now()
        self.assertFalse(
            self.env["oms.background.task"].search(
                [("res_model", "=", "oms.jeopardy.scan")]
            )
        )
