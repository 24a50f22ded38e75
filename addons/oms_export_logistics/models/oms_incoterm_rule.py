# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

PARTY = [("seller", "Seller"), ("buyer", "Buyer")]
# Incoterms 2020 A5/B5: only CIF and CIP oblige the seller to insure for the
# buyer. Under DAP, DPU and DDP the seller carries the risk to destination
# and owes the buyer no insurance (it may insure its own risk).
INSURANCE_PARTY = [*PARTY, ("none", "No obligation")]
INSURANCE_COVER = [
    ("icc_c", "Minimum cover (ICC C)"),
    ("icc_a", "All risks (ICC A)"),
]
# The terms whose matrix said "seller" for insurance before A5 was applied.
NO_INSURANCE_OBLIGATION = ("DAP", "DPU", "DDP")

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
# The matrix items that are carriage legs of a shipment, in travel order.
LEG_ITEMS = ["pre_carriage", "main_carriage", "on_carriage"]


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
    requires_freight = fields.Boolean(
        help="The seller pays the main carriage: orders on this term must "
        "carry a freight line (a product marked as freight charge).",
    )
    requires_insurance = fields.Boolean(
        help="The seller must insure the goods: orders on this term must "
        "carry an insurance line (a product marked as insurance charge).",
    )
    plan_buyer_legs = fields.Boolean(
        help="Also plan the carriage legs the buyer arranges (to track them). "
        "The main carriage is always planned.",
    )
    export_packing_by = fields.Selection(PARTY, required=True, default="seller")
    loading_origin_by = fields.Selection(PARTY, required=True, default="seller")
    pre_carriage_by = fields.Selection(PARTY, required=True, default="seller")
    export_clearance_by = fields.Selection(PARTY, required=True, default="seller")
    origin_terminal_by = fields.Selection(PARTY, required=True, default="seller")
    main_carriage_by = fields.Selection(PARTY, required=True, default="buyer")
    insurance_by = fields.Selection(
        INSURANCE_PARTY,
        required=True,
        default="buyer",
        help="Who must insure the goods for the buyer (Incoterms 2020 A5/B5): "
        "the seller under CIF and CIP only; under DAP, DPU and DDP nobody owes "
        "it (no obligation).",
    )
    insurance_cover = fields.Selection(
        INSURANCE_COVER,
        help="The cover the seller must buy: ICC C under CIF, ICC A under CIP "
        "(Incoterms 2020 A5).",
    )
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

    @api.depends("incoterm_id")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = rule.incoterm_id.display_name or ""

    # CRUD METHODS

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        # Shipments of every company count: sudo only counts them.
        groups = (
            self.env["oms.export.shipment"]
            .sudo()
            ._read_group([("incoterm_id", "in", self.incoterm_id.ids)], ["incoterm_id"])
        )
        used_incoterms = {incoterm for (incoterm,) in groups}
        used = self.filtered(lambda rule: rule.incoterm_id in used_incoterms)
        if used:
            raise UserError(
                self.env._(
                    "Incoterm rules %s decided shipments: archive them instead "
                    "of deleting them.",
                    ", ".join(used.mapped("code")),
                )
            )

    # BUSINESS METHODS

    @api.model
    def _oms_apply_insurance_obligation(self):
        """Once per database: the shipped DAP, DPU and DDP matrices said the
        seller insures; Incoterms 2020 A5 puts no such obligation on it.
        Kept as a flag so a manager's later choice is not overwritten."""
        params = self.env["ir.config_parameter"].sudo()
        flag = "oms_export_logistics.incoterm_insurance_a5"
        if params.get_param(flag):
            return
        rules = self.with_context(active_test=False).search([])
        rules.filtered(
            lambda r: r.code in NO_INSURANCE_OBLIGATION and r.insurance_by == "seller"
        ).insurance_by = "none"
        for code, cover in (("CIF", "icc_c"), ("CIP", "icc_a")):
            rules.filtered(
                lambda r, code=code: r.code == code and not r.insurance_cover
            ).insurance_cover = cover
        params.set_param(flag, "1")

    def _get_party(self, item):
        """``seller``, ``buyer`` (or ``none`` for insurance): who arranges
        and pays matrix ``item``."""
        self.ensure_one()
        if item not in dict(MATRIX_ITEMS):
            raise ValueError(f"Unknown incoterm matrix item {item}")
        return self[f"{item}_by"]

    def _get_matrix(self):
        """``{item: party}`` for the eleven items of the matrix."""
        self.ensure_one()
        return {item: self._get_party(item) for item, _label in MATRIX_ITEMS}

    def _get_leg_items(self):
        """The carriage legs to plan, in travel order, with who arranges them:
        the legs the seller arranges, and the main carriage in any case (the
        seller tracks the goods even on the buyer's vessel)."""
        self.ensure_one()
        return [
            (item, self._get_party(item))
            for item in LEG_ITEMS
            if item == "main_carriage"
            or self.plan_buyer_legs
            or self._get_party(item) == "seller"
        ]

    def _get_required_cost_types(self):
        """The charge lines (``freight``, ``insurance``) orders must carry."""
        self.ensure_one()
        return [
            cost_type
            for cost_type, required in (
                ("freight", self.requires_freight),
                ("insurance", self.requires_insurance),
            )
            if required
        ]

    def _allows_mode(self, mode):
        self.ensure_one()
        return not self.sea_only or mode == "sea"
