# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
                    "payload": "document_type_id",
                },
                "create_task": {
                    "area": "export",
                    "applies_to": "oms.export.shipment",
                    "event": "shipment_tasks",
                    "required": ("task_type_id",),
                    "payload": "task_type_id",
                },
            }
        )
        return specs
