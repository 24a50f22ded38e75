# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

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
    """A coordination task every matching shipment gets: who does it (a
    party role of the shipment) and when (days from an anchor date)."""

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
    incoterm_ids = fields.Many2many(
        "account.incoterms",
        string="Incoterms",
        help="Only shipments on these terms get the task. Empty: all terms.",
    )
    mode = fields.Selection(
        [
            ("sea", "Sea"),
            ("air", "Air"),
            ("road", "Road"),
            ("rail", "Rail"),
            ("multimodal", "Multimodal"),
        ],
        help="Only shipments by this mode get the task. Empty: every mode.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'oms.export.task')]",
        help="Email sent to the party. Empty: the generic task email.",
    )

    def _applies_to(self, shipment):
        self.ensure_one()
        incoterm_ok = not self.incoterm_ids or shipment.incoterm_id in self.incoterm_ids
        return incoterm_ok and (not self.mode or self.mode == shipment.mode)

    def _prepare_task_vals(self, shipment):
        self.ensure_one()
        return {
            "name": self.name,
            "shipment_id": shipment.id,
            "task_type_id": self.id,
            "partner_id": shipment._oms_get_party(self.party_role).id,
        }
