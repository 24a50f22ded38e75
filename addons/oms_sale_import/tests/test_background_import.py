# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_core.tests.background_task_common import BackgroundTaskTestMixin

from .common import OmsSaleImportCommon, read_sample


@tagged("post_install", "-at_install")
class TestBackgroundImport(BackgroundTaskTestMixin, OmsSaleImportCommon):
    """A file above the line threshold is imported in the background: the
    user is told it runs, then notified with the order or the failure."""

    def setUp(self):
        super().setUp()
        # Two lines at most imported at once: the sample has three.
        self.env["ir.config_parameter"].set_param(
            "oms_sale_import.background_import_lines", "2"
        )

    def _start(self, filename, content):
        wizard = self._wizard(filename, content).with_user(self.oms_user)
        action = wizard.import_order_button()
        task = self.env["oms.background.task"].search(
            [("chunk_method", "=", "_oms_task_import")], limit=1
        )
        return action, task

    def test_large_file_in_background(self):
        action, task = self._start("po_hamburg.csv", read_sample("po_hamburg.csv"))
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("imported in the background", action["params"]["message"])
        self.assertRecordValues(
            task,
            [{"state": "queued", "user_id": self.oms_user.id, "chunk_count": 1}],
        )
        intake = self.env["oms.po.intake"].browse(task.res_id)
        self.assertRecordValues(
            intake, [{"channel": "file", "state": "received", "order_id": False}]
        )
        self.assertFalse(
            self.env["sale.order"].search([("client_order_ref", "=", "HMB-4711")])
        )
        self._perform_task_jobs(task)
        order = intake.order_id
        self.assertEqual(order.client_order_ref, "HMB-4711")
        self.assertEqual(order.oms_capture_channel, "file")
        self.assertEqual(intake.state, "done")
        self.assertEqual(task.state, "done")
        self.assertIn(order.name, task.result_message)
        notification = self._bus_notifications(self.oms_user.partner_id)[0]
        self.assertIn(order.name, notification["message"])
        # Run again: imported once.
        intake._oms_task_import()
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("client_order_ref", "=", "HMB-4711")]
            ),
            1,
        )

    def test_failed_import_names_intake_and_fallout(self):
        content = self._csv(
            [
                "HMB-9,UNKNOWN-CODE,1,2030-06-30",
                "HMB-9,UNKNOWN-CODE-2,1,2030-06-30",
                "HMB-9,UNKNOWN-CODE-3,1,2030-06-30",
            ]
        )
        _action, task = self._start("po_bad.csv", content)
        self._perform_task_jobs(task)
        intake = self.env["oms.po.intake"].browse(task.res_id)
        self.assertEqual(intake.state, "failed")
        self.assertFalse(intake.order_id)
        self.assertTrue(self.env["oms.fallout"].search([("intake_id", "=", intake.id)]))
        self.assertIn("was not imported", task.result_message)

    def test_small_file_stays_immediate(self):
        self.env["ir.config_parameter"].set_param(
            "oms_sale_import.background_import_lines", "200"
        )
        order = self._import("po_hamburg.csv")
        self.assertEqual(order.client_order_ref, "HMB-4711")
        self.assertFalse(
            self.env["oms.background.task"].search(
                [("chunk_method", "=", "_oms_task_import")]
            )
        )
