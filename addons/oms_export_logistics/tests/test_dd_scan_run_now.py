# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.oms_core.tests.background_task_common import BackgroundTaskTestMixin
from odoo.addons.oms_core.tests.common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestDdScanRunNow(BackgroundTaskTestMixin, OmsCoreCommon):
    """OMS managers run the D&D scan now, in the background."""

    def _tasks(self):
        return self.env["oms.background.task"].search(
            [("res_model", "=", "oms.dd.scan")]
        )

    def test_manager_runs_the_scan(self):
        Scan = self.env["oms.dd.scan"]
        before = Scan.search([])
        action = Scan.with_user(self.oms_manager).action_oms_run_now()
        self.assertEqual(action["params"]["type"], "info")
        task = self._tasks()
        self.assertRecordValues(
            task, [{"state": "queued", "user_id": self.oms_manager.id}]
        )
        self.assertEqual(Scan.search([]), before)
        self._perform_task_jobs(task)
        self.assertTrue(Scan.search([]) - before)
        self.assertEqual(task.state, "done")
        self.assertIn("clocks scanned", task.result_message)
        notifications = self._bus_notifications(self.oms_manager.partner_id)
        self.assertIn("clocks scanned", notifications[0]["message"])

    def test_user_cannot_run_the_scan(self):
        with self.assertRaises(AccessError):
            self.env["oms.dd.scan"].with_user(self.oms_user).action_oms_run_now()
        self.assertFalse(self._tasks())
