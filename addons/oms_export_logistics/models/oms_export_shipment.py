# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SHIPMENT_STATES = [
    ("planned", "Planned"),
    ("booked", "Booked"),
    ("loading", "Loading"),
    ("customs_cleared", "Customs Cleared"),
    ("on_board", "On Board"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]


class OmsExportShipment(models.Model):
    """One export shipment: the orders and deliveries that leave together
    under one incoterm, one booking and one set of documents."""

    _name = "oms.export.shipment"
    _description = "Export Shipment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, copy=False, readonly=True, default="/", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "oms_export_shipment_sale_order_rel",
        "shipment_id",
        "order_id",
        string="Orders",
        check_company=True,
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        "oms_export_shipment_stock_picking_rel",
        "shipment_id",
        "picking_id",
        string="Deliveries",
        check_company=True,
    )
    state = fields.Selection(
        SHIPMENT_STATES, default="planned", required=True, tracking=True, copy=False
    )
    mode = fields.Selection(
        [
            ("sea", "Sea"),
            ("air", "Air"),
            ("road", "Road"),
            ("rail", "Rail"),
            ("multimodal", "Multimodal"),
        ],
        default="sea",
        required=True,
        tracking=True,
    )
    incoterm_id = fields.Many2one("account.incoterms", tracking=True)
    incoterm_place = fields.Char(string="Named Place", tracking=True)
    incoterm_rule_id = fields.Many2one(
        "oms.incoterm.rule", compute="_compute_incoterm_rule_id"
    )
    bl_number = fields.Char(
        string="B/L or AWB Number", copy=False, tracking=True, index="btree_not_null"
    )
    container_ids = fields.One2many(
        "oms.export.container", "shipment_id", string="Containers"
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A shipment reference must be unique per company.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "oms.export.shipment"
                )
        return super().create(vals_list)

    @api.depends("incoterm_id")
    def _compute_incoterm_rule_id(self):
        rules = self.env["oms.incoterm.rule"].search(
            [("incoterm_id", "in", self.incoterm_id.ids)]
        )
        by_incoterm = {rule.incoterm_id: rule for rule in rules}
        for shipment in self:
            shipment.incoterm_rule_id = by_incoterm.get(shipment.incoterm_id, False)

    def _oms_set_state(self, new_state):
        """Move shipments to ``new_state`` once every blocker is cleared.
        The single entry point of the status pipeline: buttons call it."""
        blockers = self._oms_transition_blockers(new_state)
        if blockers:
            raise UserError("\n".join(blockers))
        self.write(self._prepare_state_vals(new_state))
        return True

    def _prepare_state_vals(self, new_state):
        return {"state": new_state}

    def _oms_transition_blockers(self, new_state):
        """Messages that forbid moving to ``new_state`` (empty: allowed).
        Checks (incoterm, documents, letter of credit...) add theirs here."""
        blockers = []
        blockers += self._oms_document_blockers(new_state)
        return blockers
