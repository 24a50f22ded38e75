# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Queue job states in which the documents are still being prepared.
JOB_RUNNING_STATES = ("wait_dependencies", "pending", "enqueued", "started")
JOB_METHOD = "_oms_job_prepare_documents"


class OmsExportShipment(models.Model):
    """Document preparation in the background: rendering every PDF of a
    shipment takes seconds each, so the button enqueues a job (channel
    ``root.oms_export_documents``) and the user keeps working; the form shows
    that it runs, or why it failed, and the requester is notified when done.
    """

    _inherit = "oms.export.shipment"

    oms_documents_preparing = fields.Boolean(
        string="Preparing Documents",
        compute="_compute_oms_documents_job",
        help="A background job prepares the documents of this shipment.",
    )
    oms_documents_job_error = fields.Char(
        string="Document Preparation Failure",
        compute="_compute_oms_documents_job",
        help="Why the last background preparation of the documents failed.",
    )

    # COMPUTE METHODS

    def _compute_oms_documents_job(self):
        jobs = self._oms_get_document_jobs()
        for shipment in self:
            job = jobs.get(shipment.id)
            shipment.oms_documents_preparing = bool(
                job and job.state in JOB_RUNNING_STATES
            )
            shipment.oms_documents_job_error = (
                job.exc_message or job.exc_name or self.env._("Unknown error")
                if job and job.state == "failed"
                else False
            )

    def _oms_get_document_jobs(self):
        """``{shipment id: its latest document preparation job}``."""
        keys = {
            shipment._oms_document_job_identity(): shipment.id
            for shipment in self
            if shipment.id
        }
        if not keys:
            return {}
        # Coordinators may not read queue jobs (Job Queue managers do): sudo
        # only reads the state and failure of this shipment's own jobs.
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [("identity_key", "in", list(keys))],
                order="date_created desc, id desc",
            )
        )
        latest = {}
        for job in jobs:
            latest.setdefault(keys[job.identity_key], job)
        return latest

    def _oms_document_job_identity(self):
        """One document preparation job of a shipment waits at a time."""
        self.ensure_one()
        return f"{self._name},{self.id}:{JOB_METHOD}"

    # PUBLIC ACTIONS

    def action_prepare_documents_job(self):
        """Prepare the documents in the background (see
        ``action_prepare_documents``): the requester is notified when done."""
        self.check_access("write")
        self._oms_enqueue_document_jobs()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Preparing documents…"),
                "message": self.env._(
                    "You can keep working: you will be notified when the "
                    "documents are ready."
                ),
                "type": "info",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # BUSINESS METHODS

    def _oms_enqueue_document_jobs(self):
        """One job per shipment; a shipment whose job waits is not enqueued
        twice (identity key)."""
        return [
            shipment.with_delay(
                identity_key=shipment._oms_document_job_identity(),
                description=self.env._(
                    "Prepare the documents of %s", shipment.display_name
                ),
            )._oms_job_prepare_documents()
            for shipment in self
        ]

    def _oms_job_prepare_documents(self):
        """Queue job, run as the requester: prepare the documents whose data
        is complete (``action_prepare_documents``), note it in the chatter
        and notify the requester. Idempotent: the checklist lists each type
        once and prepared documents are not prepared again. Nothing
        preparable fails the job: the form shows its reason."""
        self.ensure_one()
        self._generate_documents()
        todo = self.document_ids.filtered(lambda d: d.state == "required")
        result = self.action_prepare_documents()
        prepared = todo.filtered(lambda d: d.state != "required")
        message = self._oms_get_documents_job_message(prepared, result)
        self._message_log(body=message)
        self.env.user.partner_id._bus_send(
            "simple_notification",
            {
                "type": "warning" if isinstance(result, dict) else "success",
                "title": self.env._("Documents of %s", self.name),
                "message": message,
                "sticky": isinstance(result, dict),
            },
        )
        return message

    def _oms_get_documents_job_message(self, prepared, result):
        if prepared:
            message = self.env._(
                "Documents prepared: %s", ", ".join(prepared.mapped("name"))
            )
        else:
            message = self.env._("Every document was already prepared.")
        if isinstance(result, dict):
            # Some documents lack data: action_prepare_documents names them.
            message = f"{message}\n{result['params']['message']}"
        return message
