# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PARTY_ROLES = [
    ("bank", "Bank"),
    ("cha", "Customs House Agent"),
    ("forwarder", "Forwarder"),
    ("customer", "Customer"),
]


class OmsExportDocumentType(models.Model):
    """A shipment document: when it is made, what it gates, whom it goes to
    and which QWeb report prints it."""

    _name = "oms.export.document.type"
    _description = "Export Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    stage = fields.Selection(
        [("pre", "Pre-shipment"), ("post", "Post-shipment")],
        required=True,
        default="pre",
    )
    gate = fields.Selection(
        [("on_board", "Going on board"), ("bank", "Bank submission")],
        string="Gates",
        help="The step a mandatory document of this type must be ready for: "
        "verified before the shipment goes on board, or prepared before the "
        "documents go to the bank.",
    )
    party_role = fields.Selection(
        PARTY_ROLES,
        string="Goes To",
        required=True,
        default="customer",
    )
    report_id = fields.Many2one(
        "ir.actions.report",
        domain="[('model', '=', 'oms.export.shipment')]",
        help="The PDF printed for this document from the shipment.",
    )
    description = fields.Text(translate=True)
    original_count = fields.Integer(
        string="Originals",
        default=1,
        help="Originals presented to the bank (the transport document: the "
        "shipment's full set of original B/Ls).",
    )
    copy_count = fields.Integer(string="Copies", default=2)
    rule_ids = fields.One2many(
        "oms.rule",
        "document_type_id",
        string="Applies To",
        context={"active_test": False},
        groups="oms_core.group_oms_user",
        help="The shipments whose checklist lists this document: one rule "
        "per condition (OMS rules of type Require document).",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A document type code must be unique."),
        (
            "counts_positive",
            "CHECK(original_count >= 0 AND copy_count >= 0)",
            "Originals and copies cannot be negative.",
        ),
    ]

    def _get_original_count(self, shipment):
        """Originals of this document presented for ``shipment``: the full
        set of original B/Ls for the transport document."""
        self.ensure_one()
        if self.code == "bl_record":
            return shipment.original_bl_count
        return self.original_count
