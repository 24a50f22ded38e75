# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oms_floor_price = fields.Float(
        string="Floor Price",
        digits="Product Price",
        help="In company currency. Selling below it needs approval when the "
        "price-floor rule is active.",
    )

    # SOURCING AND SCHEDULING

    oms_strategy_id = fields.Many2one(
        "oms.fulfilment.strategy",
        string="Fulfilment Strategy",
        check_company=True,
        help="How the product is fulfilled; picks the procurement route of "
        "order lines from the ratio of production to demand lead time.",
    )
    oms_production_lead_days = fields.Float(
        string="Production Lead Time (days)",
        compute="_compute_oms_production_lead_days",
        store=True,
        readonly=False,
        help="P: days to make (or source) the product when it is not in stock. "
        "Defaults from the fulfilment strategy.",
    )

    @api.depends("oms_strategy_id")
    def _compute_oms_production_lead_days(self):
        for template in self:
            if template.oms_strategy_id:
                template.oms_production_lead_days = (
                    template.oms_strategy_id.default_production_lead_days
                )
            else:
                template.oms_production_lead_days = template.oms_production_lead_days
