# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

PARTY_ROLES = [
    ("cha", "Customs house agent"),
    ("transporter", "Transporter"),
    ("forwarder", "Forwarder"),
    ("shipping_line", "Shipping line"),
    ("bank", "Bank"),
    ("consignee", "Consignee"),
    ("notify", "Notify party"),
]
# Shipment date fields a task due date can count from.
ANCHORS = [
    ("date_cutoff", "Cut-off"),
    ("etd", "ETD"),
    ("eta", "ETA"),
    ("bl_date", "B/L date"),
    ("loading_planned", "Planned loading"),
    ("dispatch_date", "Dispatch date"),
]


class OmsExportTaskType(models.Model):
    """A coordination task: who does it (a party role of the shipment) and
    when (days from an anchor date). Which shipments get it is said by its
    rules (``rule_ids``, OMS rules of type ``create_task``)."""

    _name = "oms.export.task.type"
    _description = "Export Coordination Task Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to use the task type in every company."
    )
    party_role = fields.Selection(PARTY_ROLES, required=True, default="cha")
    anchor = fields.Selection(
        ANCHORS,
        string="Due From",
        required=True,
        default="date_cutoff",
        help="The shipment date the due date counts from.",
    )
    offset_days = fields.Integer(
        help="Days after the anchor date (negative: before it).",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'oms.export.task')]",
        help="Email sent to the party. Empty: the generic task email.",
    )
    # The party gets these to do the task (the CHA files the shipping bill
    # with the commercial invoice and packing list), and no other document.
    document_type_ids = fields.Many2many(
        "oms.export.document.type",
        "oms_export_task_type_document_type_rel",
        "task_type_id",
        "document_type_id",
        string="Documents for the Party",
        # Configuration: the portal reads it only through the controller.
        groups="base.group_user",
        help="Prepared documents of the shipment that the party of an open or "
        "done task of this type may download from the portal.",
    )
    # Lets the portal record rule show a party only the types of its tasks.
    task_ids = fields.One2many("oms.export.task", "task_type_id", string="Tasks")
    rule_ids = fields.One2many(
        "oms.rule",
        "task_type_id",
        string="Applies To",
        context={"active_test": False},
        groups="oms_core.group_oms_user",
        help="The shipments that get this task: one rule per condition (OMS "
        "rules of type Create coordination task). Without a rule, no "
        "shipment gets it.",
    )

    # CRUD

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        # Tasks of every company count: sudo only finds them.
        used = self.sudo().task_ids.task_type_id
        if used:
            raise UserError(
                self.env._(
                    "Task types %s have tasks: archive them instead of deleting them.",
                    ", ".join(used.mapped("name")),
                )
            )

    # BUSINESS METHODS

    def _prepare_task_vals(self, shipment):
        self.ensure_one()
        return {
            "name": self.name,
            "shipment_id": shipment.id,
            "task_type_id": self.id,
            "partner_id": shipment._oms_get_party(self.party_role).id,
        }
