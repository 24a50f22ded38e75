# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

from .oms_export_task_type import ANCHORS, PARTY_ROLES

UPLOAD_MAX_BYTES_PARAM = "oms_export_logistics.portal_upload_max_bytes"
UPLOAD_MAX_BYTES_DEFAULT = 10 * 1024 * 1024
_ZIP = ("application/zip", "application/x-zip-compressed")
_OLE = (
    "application/msword",
    "application/vnd.ms-excel",
    "application/CDFV2",
    "application/x-ole-storage",
)
# What a party may upload: extension -> mimetypes the content may sniff as.
# Office Open XML files are zip archives; sniffers tell one or the other.
UPLOAD_TYPES = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        *_ZIP,
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        *_ZIP,
    ),
    "xls": _OLE,
    "doc": _OLE,
    "csv": ("text/plain", "text/csv"),
    "zip": (
        *_ZIP,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


class OmsExportTask(models.Model):
    """A coordination task of a shipment for a CHA, transporter, forwarder or
    bank, with a due date counted from a shipment date."""

    _name = "oms.export.task"
    _description = "Export Coordination Task"
    _inherit = ["mail.thread", "mail.activity.mixin", "oms.state.guard.mixin"]
    _order = "date_due, sequence, id"
    _check_company_auto = True
    _oms_guarded_fields = ("state", "date_done")

    name = fields.Char(required=True)
    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="shipment_id.company_id", store=True)
    task_type_id = fields.Many2one(
        "oms.export.task.type", string="Task Type", index=True, check_company=True
    )
    sequence = fields.Integer(related="task_type_id.sequence", store=True)
    party_role = fields.Selection(
        PARTY_ROLES,
        compute="_compute_party_role",
        store=True,
        readonly=False,
    )
    partner_id = fields.Many2one("res.partner", string="Party", tracking=True)
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        tracking=True,
        help="The task type's offset from the shipment's anchor date; edit it "
        "to agree another date.",
    )
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="todo",
        required=True,
        tracking=True,
        index=True,
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "oms_export_task_attachment_rel",
        "task_id",
        "attachment_id",
        string="Documents",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue"
    )
    note = fields.Text()

    @api.depends("task_type_id")
    def _compute_party_role(self):
        for task in self:
            task.party_role = task.task_type_id.party_role or task.party_role

    @api.depends(
        "task_type_id.anchor",
        "task_type_id.offset_days",
        *(f"shipment_id.{anchor}" for anchor, _label in ANCHORS),
    )
    def _compute_date_due(self):
        for task in self:
            task_type = task.task_type_id
            anchor = task_type and task.shipment_id[task_type.anchor]
            if not anchor:
                task.date_due = task.date_due
                continue
            if isinstance(anchor, datetime):
                anchor = fields.Datetime.context_timestamp(task, anchor).date()
            task.date_due = anchor + timedelta(days=task_type.offset_days)

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = bool(
                task.state == "todo" and task.date_due and task.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        domain = [
            ("state", "=", "todo"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # CRUD METHODS

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        with_history = self.filtered(
            lambda t: t.state == "done" or t.date_done or t.attachment_ids
        )
        if with_history:
            raise UserError(
                self.env._(
                    "Tasks %s are done or hold documents: cancel them instead "
                    "of deleting them.",
                    ", ".join(with_history.mapped("name")),
                )
            )

    # PUBLIC ACTIONS

    def action_done(self):
        self.check_access("write")
        self._oms_lock()._oms_mark_done()
        return True

    def action_cancel(self):
        self.check_access("write")
        self._oms_lock()
        done = self.filtered(lambda t: t.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "Tasks %s are done: reset them before cancelling them.",
                    ", ".join(done.mapped("name")),
                )
            )
        self._oms_transition_write({"state": "cancelled", "date_done": False})
        return True

    def action_reset(self):
        self.check_access("write")
        self._oms_lock()._oms_transition_write({"state": "todo", "date_done": False})
        return True

    def action_send_email(self):
        self._oms_send_email()
        return True

    # BUSINESS METHODS

    def _oms_mark_done(self):
        cancelled = self.filtered(lambda t: t.state == "cancelled")
        if cancelled:
            raise UserError(
                self.env._(
                    "Tasks %s are cancelled: reset them before marking them done.",
                    ", ".join(cancelled.mapped("name")),
                )
            )
        self.filtered(lambda t: t.state == "todo")._oms_transition_write(
            {"state": "done", "date_done": fields.Datetime.now()}
        )

    def _get_task_attachments(self):
        """Documents to attach to the email of this task: the prepared
        shipment documents meant for the task's party."""
        self.ensure_one()
        documents = self.shipment_id.document_ids.filtered(
            lambda d: d.party_role == self.party_role and d.attachment_id
        )
        return documents.attachment_id

    def _oms_get_mail_template(self):
        self.ensure_one()
        return self.task_type_id.mail_template_id or self.env.ref(
            "oms_export_logistics.mail_template_oms_export_task"
        )

    def _oms_send_email(self):
        """Email each task to its party with the task's documents attached."""
        missing = self.filtered(lambda t: not t.partner_id.email)
        if missing:
            raise UserError(
                self.env._(
                    "Tasks %s have no party with an email address.",
                    ", ".join(missing.mapped("name")),
                )
            )
        for task in self:
            template = task._oms_get_mail_template()
            rendered = template._generate_template(task.ids, ["subject", "body_html"])[
                task.id
            ]
            task.message_post(
                subject=rendered.get("subject"),
                body=rendered.get("body_html"),
                partner_ids=task.partner_id.ids,
                attachment_ids=task._get_task_attachments().ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    @api.model
    def _oms_get_upload_max_bytes(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(UPLOAD_MAX_BYTES_PARAM, UPLOAD_MAX_BYTES_DEFAULT)
        )
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return UPLOAD_MAX_BYTES_DEFAULT

    @api.model
    def _oms_check_upload(self, name, content):
        """Refuse an upload that is too big or not of an allowed type: the
        extension and the sniffed content must both be allowed, and agree
        (an executable or a web page renamed .pdf is refused).

        :raises UserError: with the reason, shown to the party
        """
        max_bytes = self._oms_get_upload_max_bytes()
        if len(content) > max_bytes:
            raise UserError(
                self.env._(
                    "The file is too big: %(max)s MB at most.",
                    max=round(max_bytes / 1024 / 1024, 1),
                )
            )
        if not content:
            raise UserError(self.env._("The file is empty."))
        extension = os.path.splitext(name or "")[1].lstrip(".").lower()
        allowed = UPLOAD_TYPES.get(extension)
        if not allowed or guess_mimetype(content, default="") not in allowed:
            raise UserError(
                self.env._(
                    "This type of file is not accepted: upload a PDF, an image "
                    "(PNG, JPEG), a spreadsheet (XLSX, XLS, CSV), a Word "
                    "document (DOCX, DOC) or a ZIP archive."
                )
            )
        return True

    def _oms_portal_add_document(self, name, content, author=None):
        """Store a document a party uploaded on the portal with the task,
        once the task is open and the file acceptable."""
        self.ensure_one()
        if self.state != "todo":
            raise UserError(
                self.env._("Task %s is closed: it takes no more documents.", self.name)
            )
        self._oms_check_upload(name, content)
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.attachment_ids = [fields.Command.link(attachment.id)]
        self.message_post(
            body=self.env._("Document %s uploaded on the portal.", name),
            attachment_ids=attachment.ids,
            author_id=author.id if author else None,
        )
        return attachment
