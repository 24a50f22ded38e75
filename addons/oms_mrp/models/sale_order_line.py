# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Written only by the approval (the release of the engineering hold).
ENGINEERING_FIELDS = (
    "oms_eng_state",
    "oms_eng_approved_by_id",
    "oms_eng_approved_on",
    "oms_eng_bom_id",
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # Who reads manufacturing orders (sale_mrp gives salespeople read access);
    # an accountant reading the line does not.
    oms_production_ids = fields.One2many(
        "mrp.production",
        "sale_line_id",
        string="Manufacturing Orders",
        groups="sales_team.group_sale_salesman,mrp.group_mrp_user",
    )
    oms_eng_state = fields.Selection(
        [("pending", "Awaiting Approval"), ("approved", "Approved")],
        string="Engineering",
        readonly=True,
        copy=False,
        help="Engineer-to-order lines wait for the design to be approved "
        "before their manufacturing order is released.",
    )
    oms_eng_approved_by_id = fields.Many2one(
        "res.users", string="Design Approved By", readonly=True, copy=False
    )
    oms_eng_approved_on = fields.Datetime(
        string="Design Approved On", readonly=True, copy=False
    )
    oms_eng_bom_id = fields.Many2one(
        "mrp.bom",
        string="Approved BoM",
        readonly=True,
        copy=False,
        help="The bill of materials the approval was given for.",
    )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oms_check_engineering_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._oms_check_engineering_vals(vals)
        return super().write(vals)

    @api.model
    def _oms_check_engineering_vals(self, vals):
        if not self.env.su and set(ENGINEERING_FIELDS) & set(vals):
            raise UserError(
                self.env._(
                    "The engineering approval is given by releasing the order's "
                    "engineering hold, not by editing the order line."
                )
            )

    # BUSINESS METHODS: procurement gate

    def _action_launch_stock_rule(self, previous_product_uom_qty=False):
        # Engineer-to-order lines reach the plant only once their design is
        # approved (see oms.order.hold._oms_close).
        lines = self.filtered(lambda line: line.oms_eng_state != "pending")
        return super(SaleOrderLine, lines)._action_launch_stock_rule(
            previous_product_uom_qty
        )

    # BUSINESS METHODS: sourcing

    def _oms_get_bom(self, bom_type=None):
        self.ensure_one()
        return self.env["mrp.bom"]._bom_find(
            self.product_id, company_id=self.company_id.id, bom_type=bom_type
        )[self.product_id]

    def _oms_is_manufactured(self):
        """Whether the product is made (Manufacture route and a BoM)."""
        return self._oms_has_route("mrp.route_warehouse0_manufacture")

    def _oms_get_component_lead_days(self, bom):
        """Days until the components of ``bom`` short at the line's warehouse
        are there: the longest lead time (vendor, or their own BoM) of the
        short ones; 0 when all are in stock."""
        self.ensure_one()
        qty = self.product_uom._compute_quantity(
            self.product_uom_qty, bom.product_uom_id
        )
        _boms, bom_lines = bom.explode(self.product_id, qty / (bom.product_qty or 1.0))
        components = (
            self.env["product.product"]
            .union(*(bom_line.product_id for bom_line, _data in bom_lines))
            .with_context(warehouse_id=self.warehouse_id.id)
        )
        free = {product: product.free_qty for product in components}
        lead = 0.0
        for bom_line, data in bom_lines:
            component = bom_line.product_id
            need = bom_line.product_uom_id._compute_quantity(
                data["qty"], component.uom_id
            )
            if (
                not component.is_storable
                or float_compare(
                    free[component], need, precision_rounding=component.uom_id.rounding
                )
                >= 0
            ):
                continue
            free[component] -= need
            seller = component._select_seller(quantity=need)
            sub_bom = self.env["mrp.bom"]._bom_find(component)[component]
            lead = max(
                lead,
                seller.delay
                if seller
                else (sub_bom.produce_delay or component.oms_production_lead_days),
            )
        return lead

    def _oms_get_supply_lead_days(self):
        # P of a made product: the BoM's manufacturing lead time plus the
        # time until its short components arrive; a kit's P is its
        # components'.
        template = self.product_id.product_tmpl_id
        if not template.bom_ids:
            # No bill of materials (read for the whole batch): not made here.
            return super()._oms_get_supply_lead_days()
        kit = self._oms_get_bom(bom_type="phantom")
        if kit:
            return self._oms_get_component_lead_days(kit)
        if self._oms_is_manufactured():
            bom = self._oms_get_bom(bom_type="normal")
            if bom:
                return (
                    bom.produce_delay
                    + (self.company_id.manufacturing_lead or 0.0)
                    + self._oms_get_component_lead_days(bom)
                )
        return super()._oms_get_supply_lead_days()

    def _oms_get_production_documents(self):
        """``{line: [document]}`` of the manufacturing orders of the lines."""
        result = {}
        productions = self.oms_production_ids.filtered(lambda mo: mo.state != "cancel")
        for production in productions:
            result.setdefault(production.sale_line_id, []).append(
                production._oms_prepare_supply_document()
            )
        return result

    def _oms_get_supply_documents(self):
        result = super()._oms_get_supply_documents()
        for line, documents in self._oms_get_production_documents().items():
            result.setdefault(line, []).extend(documents)
        return result

    # BUSINESS METHODS: engineering approval

    def _oms_needs_engineering(self):
        self.ensure_one()
        strategy = self._oms_get_strategy()
        return bool(
            strategy.oms_engineering_approval
            and not self.display_type
            and self.oms_eng_state != "approved"
        )

    def _oms_record_approval(self):
        """Record on the lines who approved their design, when, and which
        bill of materials (the engineering hold was released)."""
        now = fields.Datetime.now()
        for line in self:
            # Approval fields are written by this transition only.
            line.sudo().write(
                {
                    "oms_eng_state": "approved",
                    "oms_eng_approved_by_id": self.env.uid,
                    "oms_eng_approved_on": now,
                    "oms_eng_bom_id": line._oms_get_bom().id,
                }
            )
