# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .oms_export_task_type import ANCHORS, PARTY_ROLES


class OmsExportTask(models.Model):
    """A coordination task of a shipment for a CHA, transporter, forwarder or
    bank, with a due date counted from a shipment date."""

    _name = "oms.export.task"
    _description = "Export Coordination Task"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, sequence, id"
    _check_company_auto = True

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

    # PUBLIC ACTIONS

    def action_done(self):
        self._oms_mark_done()
        return True

    def action_cancel(self):
        self.write({"state": "cancelled", "date_done": False})
        return True

    def action_reset(self):
        self.write({"state": "todo", "date_done": False})
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
        self.filtered(lambda t: t.state == "todo").write(
            {"state": "done", "date_done": fields.Datetime.now()}
        )

    def _get_task_attachments(self):
        """Documents to attach to the email of this task. Override to add
        the shipment documents the party needs (none by default)."""
        self.ensure_one()
        return self.env["ir.attachment"]

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

    def _oms_portal_add_document(self, name, content, author=None):
        """Store a document a party uploaded on the portal with the task."""
        self.ensure_one()
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
