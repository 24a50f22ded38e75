# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class OmsExportShipmentCreate(models.TransientModel):
    """Create one export shipment from orders (and their deliveries) of one
    customer, company and incoterm.

    ``oms.export.shipment._oms_create_from_orders`` is the entry point of
    code that creates without the wizard; both end in ``_create_shipment``."""

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
            wizard.picking_ids = wizard.picking_ids or self._get_open_pickings(
                wizard.sale_order_ids
            )

    @api.model
    def _oms_open_for(self, orders, pickings=None):
        """The wizard on ``orders``; incompatible orders are refused now."""
        self._check_orders(orders)
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
        shipment = self._create_shipment(
            self.sale_order_ids, self.picking_ids, **self._prepare_shipment_vals()
        )
        return shipment._oms_get_open_action()

    @api.model
    def _check_orders(self, orders):
        """Refuse (UserError) orders that cannot leave on one shipment."""
        if not orders:
            raise UserError(self.env._("Select the orders to ship."))
        for label, values, required in (
            (self.env._("customer"), orders.partner_id.commercial_partner_id, True),
            (self.env._("company"), orders.company_id, True),
            (self.env._("incoterm"), orders.incoterm, True),
        ):
            if len(values) > 1 or (required and not values):
                raise UserError(
                    self.env._(
                        "Orders %(orders)s cannot share a shipment: they need "
                        "one and the same %(what)s.",
                        orders=", ".join(orders.mapped("name")),
                        what=label,
                    )
                )
        not_confirmed = orders.filtered(lambda o: o.state != "sale")
        if not_confirmed:
            raise UserError(
                self.env._(
                    "Orders %s are not confirmed: they cannot be shipped.",
                    ", ".join(not_confirmed.mapped("name")),
                )
            )

    @api.model
    def _get_open_pickings(self, orders):
        """The deliveries a shipment of ``orders`` carries by default."""
        return orders.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )

    @api.model
    def _prepare_vals_from_orders(self, orders, pickings):
        order = orders[:1]
        # The open letter of credit of the orders, if any, covers the shipment.
        credit = self.env["oms.letter.credit"].search(
            [("sale_order_ids", "in", orders.ids), ("state", "=", "open")], limit=1
        )
        return {
            "company_id": order.company_id.id,
            "partner_id": order.partner_id.commercial_partner_id.id,
            "consignee_id": order.partner_shipping_id.id,
            "incoterm_id": order.incoterm.id,
            "incoterm_place": order.incoterm_location,
            "warehouse_id": order.warehouse_id.id,
            "sale_order_ids": [Command.set(orders.ids)],
            "picking_ids": [Command.set(pickings.ids)],
            "letter_credit_id": credit.id,
        }

    @api.model
    def _create_shipment(self, orders, pickings=None, **vals):
        """Create one shipment for ``orders`` (and ``pickings``, by default
        their open deliveries), with ``vals`` on top."""
        self._check_orders(orders)
        if pickings is None:
            pickings = self._get_open_pickings(orders)
        stray = pickings.filtered(lambda p: p.sale_id not in orders)
        if stray:
            raise UserError(
                self.env._(
                    "Deliveries %s do not belong to the selected orders.",
                    ", ".join(stray.mapped("name")),
                )
            )
        return self.env["oms.export.shipment"].create(
            {**self._prepare_vals_from_orders(orders, pickings), **vals}
        )
