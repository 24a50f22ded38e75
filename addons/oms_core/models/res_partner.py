# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    oms_demand_lead_days = fields.Float(
        string="Demand Lead Time (days)",
        help="D: how many days the customer is willing to wait for an order. "
        "Compared with the production lead time P of a product, it decides "
        "whether the product is made to order or served from stock.",
    )
    oms_ship_policy = fields.Selection(
        [("complete", "Ship complete"), ("partial", "Ship partial")],
        string="Shipping Policy",
        help="Ship complete: deliver the order at once, when everything is "
        "ready. Ship partial: deliver what is available, with backorders. "
        "Empty: the company default.",
    )

    @api.constrains("oms_demand_lead_days")
    def _check_oms_demand_lead_days(self):
        if any(partner.oms_demand_lead_days < 0 for partner in self):
            raise ValidationError(self.env._("A demand lead time cannot be negative."))

    @api.model
    def _commercial_fields(self):
        # Contacts share the sourcing terms of their company.
        return super()._commercial_fields() + [
            "oms_demand_lead_days",
            "oms_ship_policy",
        ]
