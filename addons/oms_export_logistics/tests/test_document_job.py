# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.oms_core.tests.background_task_common import BackgroundTaskTestMixin

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentJob(BackgroundTaskTestMixin, OmsDocumentCommon):
    """ "Prepare documents" (header) and "Prepare all" (Documents tab) start
    a background task with one chunk per document: the form shows how many
    are prepared, documents lacking data are named at once, a document
    prepared twice is not rendered twice, the requester is notified."""

    def _task(self, shipment):
        return self.env["oms.background.task"].search(
            [("res_model", "=", shipment._name), ("res_id", "=", shipment.id)],
            limit=1,
        )

    def test_button_enqueues_one_chunk_per_document(self):
        shipment = self._create_shipment().with_user(self.oms_user)
        shipment._generate_documents()
        count = len(shipment.document_ids)
        action = shipment.action_prepare_documents_job()
        task = self._task(shipment)
        self.assertRecordValues(
            task,
            [
                {
                    "user_id": self.oms_user.id,
                    "state": "queued",
                    "chunk_count": count,
                    "chunk_method": "_oms_task_prepare_document",
                }
            ],
        )
        jobs = self._task_jobs(task)
        self.assertEqual(len(jobs), count + 1)
        self.assertEqual(set(jobs.mapped("channel")), {"root.oms_export_documents"})
        self.assertEqual(jobs.user_id, self.oms_user)
        self.assertEqual(action["params"]["type"], "info")
        # Nothing rendered yet: the user keeps working.
        self.assertEqual(set(shipment.document_ids.mapped("prepared_date")), {False})
        shipment.invalidate_recordset()
        self.assertRecordValues(
            shipment,
            [
                {
                    "oms_documents_preparing": True,
                    "oms_documents_done_count": 0,
                    "oms_documents_todo_count": count,
                }
            ],
        )
        # Pressed again while it runs: still one task.
        shipment.action_prepare_documents_job()
        self.assertEqual(len(self._task_jobs(task)), count + 1)
        # Two documents ready: the form shows "2 of n".
        self._perform_task_jobs(task, limit=2)
        shipment.invalidate_recordset()
        self.assertEqual(shipment.oms_documents_done_count, 2)
        self.assertEqual(
            len(shipment.document_ids.filtered(lambda d: d.state == "prepared")), 2
        )
        self._perform_task_jobs(task)
        shipment.invalidate_recordset()
        self.assertFalse(shipment.oms_documents_preparing)
        self.assertFalse(shipment.oms_documents_job_error)
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"prepared"})
        self.assertTrue(all(shipment.document_ids.mapped("attachment_id")))
        self.assertEqual(shipment.document_ids.prepared_by_id, self.oms_user)
        self.assertIn("prepared", shipment.message_ids[0].body)
        notifications = self._bus_notifications(self.oms_user.partner_id)
        self.assertEqual(len(notifications), 1)
        self.assertEqual(notifications[0]["type"], "success")
        self.assertIn("Commercial Invoice: prepared", notifications[0]["message"])

    def test_chunk_twice_prepares_once(self):
        shipment = self._create_shipment()
        shipment.action_prepare_documents_job()
        task = self._task(shipment)
        self._perform_task_jobs(task)
        attachments = shipment.document_ids.attachment_id
        domain = [("res_model", "=", shipment._name), ("res_id", "=", shipment.id)]
        attachment_count = self.env["ir.attachment"].search_count(domain)
        chunk = task.chunk_ids[0]
        # The chunk job run again, and its method on a prepared document.
        task._oms_run_chunk(chunk.id)
        document = self.env["oms.export.document"].browse(chunk.res_ids)
        message = document._oms_task_prepare_document()
        self.assertIn("already prepared", message)
        self.assertEqual(shipment.document_ids.attachment_id, attachments)
        self.assertEqual(
            self.env["ir.attachment"].search_count(domain), attachment_count
        )

    def test_missing_data_named_at_once(self):
        # A new order: no invoice, marks, packages... nothing preparable.
        order = self._create_order()
        order.action_confirm()
        shipment = self._create_shipment(orders=order, complete_data=False)
        with self.assertRaisesRegex(UserError, "No document could be prepared"):
            shipment.action_prepare_documents_job()
        self.assertFalse(self._task(shipment))

    def test_failed_document_shown_with_reason(self):
        shipment = self._create_shipment()
        shipment.action_prepare_documents_job()
        task = self._task(shipment)
        # Meanwhile a document lost its report: its chunk fails, the
        # others are prepared.
        chunk = task.chunk_ids[0]
        document = self.env["oms.export.document"].browse(chunk.res_ids)
        document.document_type_id.report_id = False
        with mute_logger("odoo.addons.oms_core.models.oms_background_task_chunk"):
            self._perform_task_jobs(task)
        shipment.invalidate_recordset()
        self.assertEqual(task.state, "failed")
        self.assertEqual(document.state, "required")
        self.assertIn("no report to print", chunk.error)
        self.assertFalse(shipment.oms_documents_preparing)
        self.assertIn(
            "no report to print",
            shipment.with_user(self.oms_user).oms_documents_job_error,
        )
        self.assertEqual(
            set((shipment.document_ids - document).mapped("state")), {"prepared"}
        )
        self.assertEqual(
            self._bus_notifications(self.env.user.partner_id)[-1]["type"], "warning"
        )

    def test_needs_write_access(self):
        shipment = self._create_shipment()
        portal_like = self.salesman
        with self.assertRaises(AccessError):
            shipment.with_user(portal_like).action_prepare_documents_job()
        self.assertFalse(self._task(shipment))
