# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsExportShipmentCreate(models.TransientModel):
    """Create one export shipment from orders (and their deliveries) of one
    customer, company and incoterm."""

    _name = "oms.export.shipment.create"
    _description = "Create Export Shipment"

    sale_order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    picking_ids = fields.Many2many(
        "stock.picking",
        string="Deliveries",
        compute="_compute_picking_ids",
        store=True,
        readonly=False,
        domain="[('sale_id', 'in', sale_order_ids), "
        "('picking_type_code', '=', 'outgoing'), ('state', '!=', 'cancel')]",
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
    )
    port_loading = fields.Char(string="Port of Loading")
    port_discharge = fields.Char(string="Port of Discharge")

    @api.depends("sale_order_ids")
    def _compute_picking_ids(self):
        for wizard in self:
            # Deliveries chosen by the caller (from a delivery) are kept.
            wizard.picking_ids = (
                wizard.picking_ids
                or wizard.sale_order_ids.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
                )
            )

    @api.model
    def _oms_open_for(self, orders, pickings=None):
        """The wizard on ``orders``; incompatible orders are refused now."""
        self.env["oms.export.shipment"]._oms_check_orders_compatible(orders)
        context = {"default_sale_order_ids": orders.ids}
        if pickings:
            context["default_picking_ids"] = pickings.ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create export shipment"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def _prepare_shipment_vals(self):
        self.ensure_one()
        return {
            "mode": self.mode,
            "port_loading": self.port_loading,
            "port_discharge": self.port_discharge,
        }

    def action_create_shipment(self):
        self.ensure_one()
        shipment = self.env["oms.export.shipment"]._oms_create_from_orders(
            self.sale_order_ids, self.picking_ids, **self._prepare_shipment_vals()
        )
        return shipment._oms_get_open_action()
