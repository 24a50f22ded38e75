# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# The rule type a rule created from a payload (a document type's or a task
# type's "Applies to" page) gets when its creator names no type.
PAYLOAD_RULE_TYPES = {
    "document_type_id": "require_document",
    "task_type_id": "create_task",
}


class OmsRule(models.Model):
    """Export rules on the OMS rules engine: which documents a shipment's
    checklist lists (``require_document``) and which coordination tasks it
    gets (``create_task``), plus the incoterm check of export orders."""

    _inherit = "oms.rule"

    area = fields.Selection(
        selection_add=[("export", "Export")],
        ondelete={"export": "set null"},
    )
    applies_to = fields.Selection(
        selection_add=[("oms.export.shipment", "Export Shipment")],
        ondelete={"oms.export.shipment": "cascade"},
    )
    event = fields.Selection(
        selection_add=[
            ("shipment_documents", "Shipment document checklist"),
            ("shipment_tasks", "Shipment coordination tasks"),
        ],
        ondelete={"shipment_documents": "cascade", "shipment_tasks": "cascade"},
    )
    rule_type = fields.Selection(
        selection_add=[
            ("require_document", "Require document"),
            ("create_task", "Create coordination task"),
        ],
        ondelete={"require_document": "cascade", "create_task": "cascade"},
    )
    check_method = fields.Selection(
        selection_add=[
            (
                "_oms_check_incoterm_costs",
                "Incoterm charges or named place missing",
            ),
        ],
        ondelete={"_oms_check_incoterm_costs": "set null"},
    )
    document_type_id = fields.Many2one(
        "oms.export.document.type",
        string="Document Type",
        index="btree_not_null",
        ondelete="cascade",
        help="Require document: the document the matching shipments' checklist lists.",
    )
    document_mandatory = fields.Boolean(
        string="Mandatory Document",
        default=True,
        help="Require document: the document gates the pipeline. Another "
        "rule or the letter of credit may make an optional one mandatory.",
    )
    task_type_id = fields.Many2one(
        "oms.export.task.type",
        string="Task Type",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="Create coordination task: the task the matching shipments get.",
    )

    # CONSTRAINT METHODS

    @api.constrains("document_type_id", "task_type_id")
    def _check_export_payload(self):
        # The core constraint runs when the type, model or event change;
        # removing the payload later must be refused too.
        self._check_rule_type_spec()

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oms_fill_payload_rule_type(vals)
        return super().create(vals_list)

    # BUSINESS METHODS

    @api.model
    def _get_rule_type_specs(self):
        specs = super()._get_rule_type_specs()
        specs.update(
            {
                "require_document": {
                    "area": "export",
                    "applies_to": "oms.export.shipment",
                    "event": "shipment_documents",
                    "required": ("document_type_id",),
                },
                "create_task": {
                    "area": "export",
                    "applies_to": "oms.export.shipment",
                    "event": "shipment_tasks",
                    "required": ("task_type_id",),
                },
            }
        )
        return specs

    @api.model
    def _oms_fill_payload_rule_type(self, vals):
        """A rule created from a document or task type (``rule_ids`` of its
        form, or ``Command.create`` in code) without a rule type is a rule of
        that payload: its type, model and event follow. Explicit values are
        kept, so the spec constraint still refuses a wrong one."""
        for fname, rule_type in PAYLOAD_RULE_TYPES.items():
            if vals.get(fname) and "rule_type" not in vals:
                spec = self._get_rule_type_specs()[rule_type]
                vals["rule_type"] = rule_type
                vals.setdefault("applies_to", spec["applies_to"])
                vals.setdefault("event", spec["event"])
        return vals
