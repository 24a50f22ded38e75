# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsFulfilmentStrategy(models.Model):
    """How a product is fulfilled (make-to-stock, make-to-order, ...), as
    configuration: which route procurement takes, depending on the ratio of
    the production lead time P to the customer's demand lead time D.

    When P:D is within ``max_pd_ratio`` the customer waits long enough for
    the product to be made: ``route_id`` is used. Otherwise the order is
    served the fast way, with ``fallback_route_id``. An empty route keeps
    Odoo's default (product, category and warehouse routes).
    """

    _name = "oms.fulfilment.strategy"
    _description = "OMS Fulfilment Strategy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to use the strategy in every company.",
    )
    route_id = fields.Many2one(
        "stock.route",
        string="Route",
        check_company=True,
        help="Route of the order lines when P:D is within the limit. Empty: "
        "Odoo's default routes.",
    )
    fallback_route_id = fields.Many2one(
        "stock.route",
        string="Fallback Route",
        check_company=True,
        help="Route of the order lines when P:D exceeds the limit (the "
        "customer cannot wait for production). Empty: Odoo's default routes.",
    )
    max_pd_ratio = fields.Float(
        string="Max P:D Ratio",
        default=1.0,
        digits=(16, 2),
        help="Highest ratio of production lead time (P) to the customer's "
        "demand lead time (D) for which the main route is used.",
    )
    default_production_lead_days = fields.Float(
        string="Default Production Lead Time (days)",
        help="Production lead time P proposed for the products of this strategy.",
    )
    skip_procurement = fields.Boolean(
        help="Nothing to ship (e.g. digital goods): confirming the order "
        "creates no stock moves and the delivered quantity is set by hand.",
    )
    product_count = fields.Integer(compute="_compute_product_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a fulfilment strategy must be unique per company.",
        ),
    ]

    # COMPUTE METHODS

    def _compute_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group(
                [("oms_strategy_id", "in", self.ids)], ["oms_strategy_id"], ["__count"]
            )
        )
        for strategy in self:
            strategy.product_count = counts.get(strategy, 0)

    # CONSTRAINT METHODS

    @api.constrains("max_pd_ratio", "default_production_lead_days")
    def _check_positive_values(self):
        for strategy in self:
            if strategy.max_pd_ratio <= 0:
                raise ValidationError(
                    self.env._(
                        "The maximum P:D ratio of strategy %s must be positive.",
                        strategy.name,
                    )
                )
            if strategy.default_production_lead_days < 0:
                raise ValidationError(
                    self.env._(
                        "The production lead time of strategy %s cannot be negative.",
                        strategy.name,
                    )
                )

    # BUSINESS METHODS

    def _is_pd_within_limit(self, pd_ratio):
        """Whether the customer waits long enough for the product to be made."""
        self.ensure_one()
        return pd_ratio <= self.max_pd_ratio

    def _get_route(self, pd_ratio):
        """The route of a line with this strategy and P:D ratio (may be empty)."""
        self.ensure_one()
        if self._is_pd_within_limit(pd_ratio):
            return self.route_id
        return self.fallback_route_id

    @api.model
    def _oms_enable_supply_routes(self):
        """Unarchive Odoo's Replenish on Order (MTO) route, archived by
        default, that the make-, buy-, assemble- and engineer-to-order
        strategies point at: the purchase and manufacturing bridges call
        this at installation, when the route gets a supply rule behind it
        (Buy or Manufacture)."""
        route = self.env.ref("stock.route_warehouse0_mto", raise_if_not_found=False)
        if route and not route.active:
            # toggle_active also unarchives the route's rules (a write would not).
            route.toggle_active()
        return route

    # PUBLIC ACTIONS

    def action_view_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "product.product_template_action"
        )
        action["domain"] = [("oms_strategy_id", "=", self.id)]
        action["context"] = {"default_oms_strategy_id": self.id}
        return action
