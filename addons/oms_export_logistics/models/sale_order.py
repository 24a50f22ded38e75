# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oms_export_shipment_ids = fields.Many2many(
        "oms.export.shipment",
        "oms_export_shipment_sale_order_rel",
        "order_id",
        "shipment_id",
        string="Export Shipments",
        copy=False,
        readonly=True,
        # Written from this side too (RPC): never to another company's.
        check_company=True,
    )
    oms_export_shipment_count = fields.Integer(
        string="Export Shipment Count", compute="_compute_oms_export_shipment_count"
    )

    def _compute_oms_export_shipment_count(self):
        for order in self:
            order.oms_export_shipment_count = len(order.oms_export_shipment_ids)

    # OMS CHECKS

    def _oms_incoterm_missing(self):
        """What the order lacks for its incoterm: charge lines and the named
        place, as the incoterm matrix requires them."""
        self.ensure_one()
        rule = self.env["oms.incoterm.rule"].search(
            [("incoterm_id", "=", self.incoterm.id)], limit=1
        )
        return self._oms_incoterm_missing_for_rule(rule)

    def _oms_incoterm_missing_for_rule(self, rule):
        self.ensure_one()
        if not rule:
            return []
        charges = set(
            self.order_line.product_id.product_tmpl_id.mapped("oms_export_charge_type")
        )
        labels = {
            "freight": self.env._("freight charge line"),
            "insurance": self.env._("insurance charge line"),
        }
        missing = [
            labels[cost_type]
            for cost_type in rule._get_required_cost_types()
            if cost_type not in charges
        ]
        if rule.named_place_required and not self.incoterm_location:
            missing.append(self.env._("incoterm named place"))
        return missing

    def _oms_check_incoterm_costs(self, rule):
        """Orders missing the freight or insurance line, or the named place,
        their incoterm requires."""
        rules = self.env["oms.incoterm.rule"].search(
            [("incoterm_id", "in", self.incoterm.ids)]
        )
        by_incoterm = {r.incoterm_id: r for r in rules}
        return self.filtered(
            lambda o: o._oms_incoterm_missing_for_rule(
                by_incoterm.get(o.incoterm, rules.browse())
            )
        )

    # PUBLIC ACTIONS

    def action_oms_create_export_shipment(self):
        return self.env["oms.export.shipment.create"]._oms_open_for(self)

    def action_oms_view_export_shipments(self):
        return self.oms_export_shipment_ids._oms_get_open_action()
