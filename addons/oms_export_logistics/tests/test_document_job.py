# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestDocumentJob(OmsDocumentCommon):
    """ "Prepare documents" runs as a queue job: enqueued once per shipment,
    preparing the documents when performed, harmless when run twice, shown
    on the form while it runs or after it failed."""

    def _bus_notifications(self):
        """The notifications sent in this transaction, as (channel, message)
        (the bus writes them on commit)."""
        return [
            (json.loads(values["channel"]), json.loads(values["message"]))
            for values in self.env.cr.precommit.data.get("bus.bus.values", [])
        ]

    def _jobs(self, shipment):
        return self.env["queue.job"].search(
            [("identity_key", "=", shipment._oms_document_job_identity())]
        )

    def test_button_enqueues_a_job(self):
        # queue_job's trap_jobs() helper does not import on this Odoo 18:
        # the job is stored as the button leaves it, then performed as the
        # job runner does.
        shipment = self._create_shipment().with_user(self.oms_user)
        action = shipment.action_prepare_documents_job()
        job_record = self._jobs(shipment)
        self.assertEqual(len(job_record), 1)
        self.assertEqual(job_record.channel, "root.oms_export_documents")
        self.assertEqual(job_record.method_name, "_oms_job_prepare_documents")
        self.assertEqual(job_record.user_id, self.oms_user)
        self.assertEqual(job_record.state, "pending")
        self.assertEqual(action["params"]["type"], "info")
        # Nothing rendered yet: the user keeps working.
        self.assertEqual(set(shipment.document_ids.mapped("prepared_date")), {False})
        Job.load(self.env, job_record.uuid).perform()
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"prepared"})
        self.assertTrue(all(shipment.document_ids.mapped("attachment_id")))
        self.assertEqual(shipment.document_ids.prepared_by_id, self.oms_user)
        self.assertIn("Documents prepared", shipment.message_ids[0].body)
        notifications = self._bus_notifications()
        self.assertTrue(
            any(
                channel[1:] == ["res.partner", self.oms_user.partner_id.id]
                and message["type"] == "simple_notification"
                and message["payload"]["type"] == "success"
                and "Documents prepared" in message["payload"]["message"]
                for channel, message in notifications
            ),
            notifications,
        )

    def test_running_twice_is_harmless(self):
        shipment = self._create_shipment()
        shipment._oms_job_prepare_documents()
        documents = shipment.document_ids
        attachments = documents.attachment_id
        self.assertEqual(len(documents), len(documents.document_type_id))
        message = shipment._oms_job_prepare_documents()
        self.assertEqual(shipment.document_ids, documents)
        self.assertEqual(shipment.document_ids.attachment_id, attachments)
        self.assertEqual(message, "Every document was already prepared.")

    def test_form_shows_running_and_failed_job(self):
        # A new order: no invoice, marks, packages... nothing preparable.
        order = self._create_order()
        order.action_confirm()
        shipment = self._create_shipment(orders=order, complete_data=False)
        self.assertFalse(shipment.oms_documents_preparing)
        shipment.action_prepare_documents_job()
        # Pressed again while it waits: still one job.
        shipment.action_prepare_documents_job()
        jobs = self._jobs(shipment)
        self.assertEqual(len(jobs), 1)
        shipment.invalidate_recordset()
        self.assertTrue(shipment.oms_documents_preparing)
        self.assertFalse(shipment.oms_documents_job_error)
        # The plain OMS user, who may not read queue jobs, sees it too.
        self.assertTrue(shipment.with_user(self.oms_user).oms_documents_preparing)
        # Nothing preparable: the job fails, as the job runner records it.
        job = Job.load(self.env, jobs.uuid)
        with self.assertRaises(UserError) as error:
            job.perform()
        job.set_failed(
            exc_name="odoo.exceptions.UserError",
            exc_message=str(error.exception),
            exc_info="",
        )
        job.store()
        shipment.invalidate_recordset()
        self.assertFalse(shipment.oms_documents_preparing)
        self.assertIn(
            "No document could be prepared",
            shipment.with_user(self.oms_user).oms_documents_job_error,
        )
