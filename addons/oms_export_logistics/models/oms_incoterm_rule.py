# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PARTY = [("seller", "Seller"), ("buyer", "Buyer")]

# The eleven cost and task items of the Incoterms 2020 responsibility matrix,
# in the order goods travel. Each is a "<item>_by" field on the rule.
MATRIX_ITEMS = [
    ("export_packing", "Export packing"),
    ("loading_origin", "Loading at origin"),
    ("pre_carriage", "Pre-carriage"),
    ("export_clearance", "Export clearance"),
    ("origin_terminal", "Origin terminal charges"),
    ("main_carriage", "Main carriage"),
    ("insurance", "Insurance"),
    ("destination_terminal", "Destination terminal charges"),
    ("on_carriage", "On-carriage"),
    ("import_clearance", "Import clearance and duties"),
    ("unloading", "Unloading at destination"),
]


class OmsIncotermRule(models.Model):
    """Incoterms 2020 as data: who (seller or buyer) arranges and pays each
    leg or task, where risk passes, and which modes the term allows."""

    _name = "oms.incoterm.rule"
    _description = "Incoterm Responsibility Matrix"
    _order = "sequence, id"

    incoterm_id = fields.Many2one("account.incoterms", required=True, index=True)
    code = fields.Char(related="incoterm_id.code", store=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    sea_only = fields.Boolean(
        help="FAS, FOB, CFR and CIF apply to sea and inland waterway transport only."
    )
    named_place_required = fields.Boolean(default=True)
    risk_transfer_point = fields.Char(translate=True)
    export_packing_by = fields.Selection(PARTY, required=True, default="seller")
    loading_origin_by = fields.Selection(PARTY, required=True, default="seller")
    pre_carriage_by = fields.Selection(PARTY, required=True, default="seller")
    export_clearance_by = fields.Selection(PARTY, required=True, default="seller")
    origin_terminal_by = fields.Selection(PARTY, required=True, default="seller")
    main_carriage_by = fields.Selection(PARTY, required=True, default="buyer")
    insurance_by = fields.Selection(PARTY, required=True, default="buyer")
    destination_terminal_by = fields.Selection(PARTY, required=True, default="buyer")
    on_carriage_by = fields.Selection(PARTY, required=True, default="buyer")
    import_clearance_by = fields.Selection(PARTY, required=True, default="buyer")
    unloading_by = fields.Selection(PARTY, required=True, default="buyer")

    _sql_constraints = [
        (
            "incoterm_uniq",
            "unique(incoterm_id)",
            "An incoterm has one responsibility matrix.",
        ),
    ]
