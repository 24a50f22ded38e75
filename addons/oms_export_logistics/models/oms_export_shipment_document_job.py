# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

# The chunk method of the "Prepare documents" background tasks.
TASK_METHOD = "_oms_task_prepare_document"


class OmsExportShipment(models.Model):
    """Document preparation in the background: rendering every PDF of a
    shipment takes seconds each, so "Prepare documents" starts a background
    task (``oms.background.task``) with one chunk per document (channel
    ``root.oms_export_documents``): the form shows "Preparing documents:
    4 of 11", the documents lacking data are named at once, the user keeps
    working and is notified when done; a failed document shows its reason.
    ``action_prepare_documents`` stays the synchronous way for code.
    """

    _inherit = "oms.export.shipment"

    oms_documents_task_id = fields.Many2one(
        "oms.background.task",
        string="Document Preparation",
        compute="_compute_oms_documents_job",
        help="The last background preparation of the documents.",
    )
    oms_documents_preparing = fields.Boolean(
        string="Preparing Documents",
        compute="_compute_oms_documents_job",
        help="A background task prepares the documents of this shipment.",
    )
    oms_documents_done_count = fields.Integer(
        string="Documents Prepared", compute="_compute_oms_documents_job"
    )
    oms_documents_todo_count = fields.Integer(
        string="Documents To Prepare", compute="_compute_oms_documents_job"
    )
    oms_documents_job_error = fields.Char(
        string="Document Preparation Failure",
        compute="_compute_oms_documents_job",
        help="Why the last background preparation of the documents failed.",
    )

    # COMPUTE METHODS

    def _compute_oms_documents_job(self):
        tasks = self.env["oms.background.task"]._get_latest_tasks(self, TASK_METHOD)
        for shipment in self:
            task = tasks.get(shipment.id)
            running = bool(task and task.state in ("queued", "running"))
            shipment.oms_documents_task_id = task.id if task else False
            shipment.oms_documents_preparing = running and not task.stuck
            shipment.oms_documents_done_count = task.chunk_finished_count if task else 0
            shipment.oms_documents_todo_count = task.chunk_count if task else 0
            shipment.oms_documents_job_error = (
                task._get_failure_message() if task else False
            )

    # PUBLIC ACTIONS

    def action_prepare_documents_job(self):
        """Prepare the documents in the background (see
        ``action_prepare_documents``): one chunk per document whose data is
        complete; those lacking data are named at once."""
        self.check_access("write")
        notifications = [shipment._oms_start_document_task() for shipment in self]
        return notifications[0] if len(notifications) == 1 else True

    # BUSINESS METHODS

    def _oms_start_document_task(self):
        """Start the preparation of this shipment's documents; return the
        notification telling what runs and which documents lack data."""
        self.ensure_one()
        self._generate_documents()
        documents = self.document_ids.filtered(
            lambda d: d.state == "required" and d.document_type_id.report_id
        )
        missing = documents._get_missing_data()
        complete = documents.filtered(lambda d: d not in missing)
        message = missing and documents._get_missing_data_message(missing)
        if not complete:
            if missing:
                raise UserError(
                    self.env._("No document could be prepared:\n%s", message)
                )
            raise UserError(
                self.env._("Every document of %s is already prepared.", self.name)
            )
        task = self.env["oms.background.task"]._oms_start(
            self,
            self.env._("Prepare the documents of %s", self.name),
            "oms.export.document",
            TASK_METHOD,
            [(document.name, document.ids) for document in complete],
            channel="root.oms_export_documents",
        )
        return task._oms_get_started_notification(
            message=self.env._(
                "Preparing %(count)s documents… You can keep working: you "
                "will be notified when they are ready.",
                count=task.chunk_count,
            ),
            warning=missing
            and self.env._("Documents not prepared: data missing\n%s", message),
        )

    def _oms_job_prepare_documents(self):
        """Queue job of earlier versions (jobs still queued when upgrading):
        prepare the documents whose data is complete, note it in the chatter
        and notify the requester. Idempotent."""
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
