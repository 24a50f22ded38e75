# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

CAPTURE_CHANNELS = [
    ("manual", "Manual"),
    ("file", "File"),
    ("email", "Email"),
    ("edi", "EDI"),
    ("portal", "Portal"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oms_capture_channel = fields.Selection(
        CAPTURE_CHANNELS,
        string="Capture Channel",
        default="manual",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        help="How the order came in. Set by the import that created it; "
        "orders typed in are Manual.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                # The channel is what the import observed, never a client's
                # claim: it feeds the straight-through KPIs per channel.
                if vals.get("oms_capture_channel", "manual") != "manual":
                    raise UserError(
                        self.env._("The capture channel is set by the import.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        if "oms_capture_channel" in vals and not self.env.su:
            raise UserError(self.env._("The capture channel is set by the import."))
        return super().write(vals)

    def _oms_set_capture_channel(self, channel):
        """Record how the orders came in (import, email, portal code only)."""
        # sudo: the field is refused to clients (see write); this is the one
        # place that sets it, with a channel the server determined.
        self.sudo().write({"oms_capture_channel": channel})

    def _oms_get_reorder_lines(self):
        return self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.is_downpayment
                and not line.is_delivery
                and line.product_id.sale_ok
                and line.product_id.active
            )
        )

    def _oms_prepare_reorder_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "partner_invoice_id": self.partner_invoice_id.id,
            "partner_shipping_id": self.partner_shipping_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "order_line": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_uom_qty": line.product_uom_qty,
                        "product_uom": line.product_uom.id,
                    }
                )
                for line in self._oms_get_reorder_lines()
            ],
        }

    def _oms_portal_reorder(self):
        """A new quotation with the products and quantities of this order,
        at today's prices, for the back office to confirm."""
        self.ensure_one()
        vals = self._oms_prepare_reorder_vals()
        if not vals["order_line"]:
            raise UserError(
                self.env._(
                    "Order %s has no product that can be ordered again.", self.name
                )
            )
        order = self.env["sale.order"].with_company(self.company_id).create(vals)
        order._oms_set_capture_channel("portal")
        order.message_post(
            body=self.env._("Reorder of %s from the customer portal.", self.name),
            subtype_xmlid="mail.mt_note",
        )
        return order
