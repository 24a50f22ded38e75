# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .sale_order import (
    JEOPARDY_LEVELS,
    JEOPARDY_RANK,
    ProcurementFallout,
    capture_procurement_errors,
    procurement_errors_captured,
)


class SaleOrderLine(models.Model):
    """Order lines in the pipeline: the procurement gate of held orders,
    sourcing (route, available-to-promise, promised date) and the jeopardy
    fields the scan (``oms.jeopardy.scan``) refreshes."""

    _name = "sale.order.line"
    _inherit = ["sale.order.line", "oms.rule.mixin"]

    oms_jeopardy_level = fields.Selection(
        JEOPARDY_LEVELS,
        string="Jeopardy",
        default="none",
        copy=False,
        index=True,
        readonly=True,
    )
    oms_strategy_id = fields.Many2one(
        related="product_id.oms_strategy_id", string="Fulfilment Strategy"
    )
    oms_production_lead_days = fields.Float(
        string="Production Lead Time",
        compute="_compute_oms_production_lead_days",
        store=True,
        readonly=False,
        help="P: days to make or source the product when it is not in stock.",
    )
    oms_demand_lead_days = fields.Float(
        string="Demand Lead Time",
        compute="_compute_oms_demand_lead_days",
        store=True,
        readonly=False,
        help="D: days the customer is willing to wait.",
    )
    oms_pd_ratio = fields.Float(
        string="P:D Ratio",
        compute="_compute_oms_pd_ratio",
        store=True,
        digits=(16, 2),
        help="Production over demand lead time; a demand lead time under one "
        "day counts as one day.",
    )
    oms_atp_qty = fields.Float(
        string="Available to Promise",
        compute="_compute_oms_atp_qty",
        digits="Product Unit of Measure",
        help="Forecast quantity of the product at the order's warehouse that "
        "this line may still count on.",
    )
    oms_promised_date = fields.Date(
        string="Promised Date",
        compute="_compute_oms_promised_date",
        store=True,
        readonly=False,
        copy=False,
        help="Set at confirmation: the order date plus the customer lead time "
        "when the stock covers the line, else plus the production (or vendor) "
        "lead time.",
    )
    oms_supply_date = fields.Date(
        string="Supply Date",
        compute="_compute_oms_supply",
        help="When the purchase or manufacturing order behind the line is "
        "expected to be ready.",
    )
    oms_supply_ref = fields.Char(
        string="Supply",
        compute="_compute_oms_supply",
        help="The purchase or manufacturing orders behind the line.",
    )
    # The jeopardy scan's figures: read by the scan and the order's form,
    # fetched together then, not with every read of a line.
    oms_projected_date = fields.Date(
        string="Projected Date",
        readonly=True,
        copy=False,
        prefetch="oms_jeopardy",
        help="When the line is expected to ship, as of the last jeopardy scan.",
    )
    oms_delay_days = fields.Integer(
        string="Delay (days)",
        readonly=True,
        copy=False,
        prefetch="oms_jeopardy",
        help="Projected minus promised date, as of the last jeopardy scan.",
    )
    oms_stage_age_days = fields.Integer(
        string="Days in Stage",
        readonly=True,
        copy=False,
        prefetch="oms_jeopardy",
        help="Days the order has spent in its OMS stage, as of the last jeopardy scan.",
    )

    # COMPUTE METHODS

    @api.depends("product_id", "product_uom_qty", "product_uom")
    def _compute_oms_production_lead_days(self):
        for line in self:
            if line.display_type or not line.product_id:
                line.oms_production_lead_days = 0.0
                continue
            line.oms_production_lead_days = line._oms_get_supply_lead_days()

    @api.depends(
        "order_id.partner_id", "order_id.commitment_date", "order_id.date_order"
    )
    def _compute_oms_demand_lead_days(self):
        for line in self:
            order = line.order_id
            if order.commitment_date:
                # The customer's requested date: D is the time left until it.
                requested = fields.Date.context_today(line, order.commitment_date)
                days = (requested - line._oms_get_order_date()).days
                line.oms_demand_lead_days = max(days, 0)
            else:
                partner = order.partner_id.commercial_partner_id
                line.oms_demand_lead_days = partner.oms_demand_lead_days

    @api.depends("oms_production_lead_days", "oms_demand_lead_days")
    def _compute_oms_pd_ratio(self):
        for line in self:
            line.oms_pd_ratio = line.oms_production_lead_days / max(
                line.oms_demand_lead_days, 1.0
            )

    @api.depends(
        "product_id",
        "product_uom_qty",
        "product_uom",
        "warehouse_id",
        "state",
        "move_ids.state",
        "move_ids.product_qty",
    )
    def _compute_oms_atp_qty(self):
        atp = self._oms_get_atp_quantities()
        for line in self:
            line.oms_atp_qty = atp.get(line, 0.0)

    def _compute_oms_supply(self):
        documents = self._oms_get_supply_documents()
        dates = self._oms_get_supply_dates()
        for line in self:
            line.oms_supply_date = dates.get(line, False)
            line.oms_supply_ref = ", ".join(
                doc["name"] for doc in documents.get(line, [])
            )

    @api.depends("state")
    def _compute_oms_promised_date(self):
        # Promise at confirmation, unless a (still valid) promise was set by
        # hand on the quotation; otherwise the promise is kept as it is.
        to_promise = self.filtered(
            lambda line: (
                line.state == "sale"
                and not line.display_type
                and (
                    not line.oms_promised_date
                    or line.oms_promised_date < line._oms_get_order_date()
                )
            )
        )
        for line in self - to_promise:
            line.oms_promised_date = line.oms_promised_date
        promised = to_promise._oms_get_promised_dates()
        for line in to_promise:
            line.oms_promised_date = promised[line]

    def _compute_qty_delivered_method(self):
        result = super()._compute_qty_delivered_method()
        # Nothing ships for these: the delivered quantity is set by hand.
        for line in self:
            if (
                line.qty_delivered_method == "stock_move"
                and line._oms_skip_procurement()
            ):
                line.qty_delivered_method = "manual"
        return result

    # CONSTRAINT METHODS

    @api.constrains("oms_promised_date")
    def _check_oms_promised_date(self):
        # Lines without a promise (most quotation lines) have nothing to check.
        for line in self.filtered("oms_promised_date"):
            order_date = line._oms_get_order_date()
            if line.oms_promised_date < order_date:
                raise ValidationError(
                    self.env._(
                        "The promised date %(promised)s of %(product)s on order "
                        "%(order)s is before the order date %(order_date)s.",
                        promised=line.oms_promised_date,
                        product=line.product_id.display_name or line.name,
                        order=line.order_id.name,
                        order_date=order_date,
                    )
                )

    # BUSINESS METHODS: procurement gate

    def _action_launch_stock_rule(self, previous_product_uom_qty=False):
        if self.env.context.get("oms_defer_procurement"):
            # The confirmation is redone after a procurement error; each
            # order's procurement is launched afterwards, on its own.
            return True
        # Held orders do not reach the warehouse; releasing the last hold
        # launches their procurement (sale.order._oms_launch_procurement).
        lines = self.filtered(lambda line: not line.order_id.oms_on_hold)
        lines._oms_assign_routes()
        if not procurement_errors_captured(self.env):
            return super(SaleOrderLine, lines)._action_launch_stock_rule(
                previous_product_uom_qty
            )
        # At confirmation a procurement error (no route, no rule) must not
        # undo the orders: sale.order.action_confirm rolls back to its
        # savepoint and confirms again without procurement, then sends the
        # orders whose procurement fails to the fallout queue.
        try:
            return super(SaleOrderLine, lines)._action_launch_stock_rule(
                previous_product_uom_qty
            )
        except UserError as error:
            raise ProcurementFallout(str(error)) from error

    def _oms_launch_procurement_or_fallout(self, previous_product_uom_qty=False):
        """Launch the procurement of one order's lines; a failure goes to
        the fallout queue."""
        try:
            with (
                self.env.cr.savepoint(),
                capture_procurement_errors(self.env, capture=False),
            ):
                return self.with_context(
                    oms_defer_procurement=False
                )._action_launch_stock_rule(previous_product_uom_qty)
        except UserError as error:
            self.env["oms.fallout"]._report(self.order_id, "procurement", error)
            return False

    # BUSINESS METHODS: sourcing

    def _oms_assign_routes(self):
        """Give the lines about to be procured for the first time the route
        of their fulfilment strategy (see ``_oms_select_route``), from the
        P:D ratio as it is when the goods are asked for: at confirmation, or
        when the last hold is released. A route chosen by hand is kept."""
        to_route = self.filtered(
            lambda line: (
                line.state == "sale"
                and not line.route_id
                and not line.display_type
                and not line.move_ids
            )
        )
        for route, lines in to_route.grouped(
            lambda line: line._oms_select_route()
        ).items():
            if route:
                lines.route_id = route

    def _oms_select_route(self):
        """The procurement route of the line: the strategy's route when the
        customer waits long enough for the product to be made (P:D within
        the strategy's limit), its fallback route otherwise. An empty route
        keeps Odoo's defaults. Override to source differently."""
        self.ensure_one()
        strategy = self._oms_get_strategy()
        if not strategy or strategy.skip_procurement:
            return self.env["stock.route"]
        route = strategy._get_route(self.oms_pd_ratio)
        if route.company_id and route.company_id != self.company_id:
            return self.env["stock.route"]
        return route

    def _oms_get_supply_lead_days(self):
        """P of the line: days to make or source the product when it is not
        in stock. Here the product's own (or its strategy's) production lead
        time; the purchase and manufacturing bridges use the vendor's and the
        bill of materials' real lead times."""
        self.ensure_one()
        # On the template, as _oms_get_strategy reads the strategy.
        return self.product_id.product_tmpl_id.oms_production_lead_days

    def _oms_get_supply_documents(self):
        """The supply behind each line (RFQs, purchase and manufacturing
        orders): ``{line: [{"name", "model", "res_id", "date", "state",
        "started", "done"}]}``. Empty here: supply documents come with the
        purchase and manufacturing bridges, which extend this hook."""
        return {}

    def _oms_get_supply_dates(self):
        """``{line: date}``: when the open supply of each line is expected
        (the latest date of its supply documents not done yet)."""
        return self._oms_dates_from_documents(self._oms_get_supply_documents())

    @api.model
    def _oms_dates_from_documents(self, line_documents):
        """``{line: date}`` of the latest open document of each line in
        ``line_documents`` (as ``_oms_get_supply_documents`` returns)."""
        result = {}
        for line, documents in line_documents.items():
            dates = [
                fields.Date.context_today(line, doc["date"])
                for doc in documents
                if doc["date"] and not doc["done"]
            ]
            if dates:
                result[line] = max(dates)
        return result

    def _oms_supply_moved(self):
        """Supply of the lines moved (a purchase or manufacturing order's
        date changed): re-project the lines at once and let the jeopardy
        rules set their level, without waiting for the nightly scan."""
        lines = self.filtered(lambda line: line.state == "sale")
        today = fields.Date.context_today(self)
        for company, company_lines in lines.grouped("company_id").items():
            # Bookkeeping of the system: the buyer or planner who moved the
            # supply may have no rights on sales orders. No scan run is
            # logged, as for the other transition points.
            company_lines.with_company(company).sudo()._oms_jeopardy_scan_batch(today)
        return lines

    def _oms_skip_procurement(self):
        """Whether the line needs no stock move (e.g. digital goods)."""
        self.ensure_one()
        return bool(self._oms_get_strategy().skip_procurement)

    def _oms_get_strategy(self):
        """The fulfilment strategy of the line's product, read on the
        template: the variant's related field would be computed again in
        every request."""
        self.ensure_one()
        return self.product_id.product_tmpl_id.oms_strategy_id

    def _oms_has_route(self, xmlid):
        """Whether the line's product (or its category) carries the route of
        ``xmlid``. Its id comes from the cached xml id: ``env.ref`` would
        check with a query, for every line, that the route still exists."""
        self.ensure_one()
        route_id = self.env["ir.model.data"]._xmlid_to_res_id(
            xmlid, raise_if_not_found=False
        )
        product = self.product_id
        routes = product.route_ids | product.categ_id.total_route_ids
        return bool(route_id) and route_id in routes.ids

    def _create_procurements(self, product_qty, procurement_uom, origin, values):
        if self._oms_skip_procurement():
            return []
        return super()._create_procurements(
            product_qty, procurement_uom, origin, values
        )

    def _oms_get_order_date(self):
        """The order date, in the user's timezone."""
        self.ensure_one()
        return fields.Date.context_today(self, self.order_id.date_order)

    def _oms_get_open_outgoing_moves(self):
        self.ensure_one()
        return self.move_ids.filtered(
            lambda move: (
                move.state not in ("done", "cancel")
                and move.product_id == self.product_id
                and move.location_dest_id.usage == "customer"
            )
        )

    def _oms_is_reserved(self):
        """Whether the line's open deliveries have reserved its whole
        quantity (stock set aside for it, whatever else is forecast)."""
        self.ensure_one()
        moves = self._oms_get_open_outgoing_moves()
        if not moves or any(move.state != "assigned" for move in moves):
            return False
        # In the line's unit, from the moves' own quantities (usually in that
        # very unit): their quantity in the product's unit is a compute that
        # confirmation changes again after the promise.
        uom = self.product_uom
        reserved = sum(
            move.product_uom_qty
            if move.product_uom == uom
            else move.product_uom._compute_quantity(move.product_uom_qty, uom)
            for move in moves
        )
        return (
            float_compare(
                reserved, self.product_uom_qty, precision_rounding=uom.rounding or 0.01
            )
            >= 0
        )

    def _oms_get_atp_quantities(self):
        """Available-to-promise quantity of the lines of storable products,
        in the line's unit: ``{line: qty}``; other lines are always covered.

        Odoo's forecast (``virtual_available``) at the line's warehouse, read
        once per warehouse like sale_stock's ``_compute_qty_at_date``. The
        forecast already counts the open deliveries of procured lines, so a
        line gets its own back; lines not procured yet consume the forecast
        in turn.
        """
        result = {}
        lines = self.filtered(
            lambda line: line.product_id.is_storable and not line.display_type
        )
        for warehouse, wh_lines in lines.grouped("warehouse_id").items():
            products = wh_lines.product_id.with_context(warehouse_id=warehouse.id)
            forecast = {product.id: product.virtual_available for product in products}
            consumed = defaultdict(float)
            for line in wh_lines:
                product = line.product_id
                own_qty = sum(line._oms_get_open_outgoing_moves().mapped("product_qty"))
                available = forecast[product.id] + own_qty - consumed[product.id]
                if not own_qty:
                    consumed[product.id] += line.product_uom._compute_quantity(
                        line.product_uom_qty, product.uom_id
                    )
                result[line] = product.uom_id._compute_quantity(
                    available, line.product_uom
                )
        return result

    def _oms_is_covered(self, atp_qty):
        """Whether ``atp_qty`` (None: not stock-managed) covers the line."""
        self.ensure_one()
        if atp_qty is None:
            return True
        return (
            float_compare(
                atp_qty,
                self.product_uom_qty,
                precision_rounding=self.product_uom.rounding or 0.01,
            )
            >= 0
        )

    def _oms_get_replenishment_lead_days(self):
        """Days to get the product when it is short: the production lead
        time P, else the vendor's delivery lead time; never less than the
        customer lead time."""
        self.ensure_one()
        lead = self.oms_production_lead_days
        if not lead and self.product_id.seller_ids:
            seller = self.product_id._select_seller(
                quantity=self.product_uom_qty, uom_id=self.product_uom
            )
            lead = seller.delay
        return max(lead or 0.0, self.customer_lead or 0.0)

    def _oms_get_promised_dates(self):
        """``{line: promised date}``: the order date plus the customer lead
        time when the available-to-promise covers the line, else plus the
        replenishment lead time; never before the supply ordered for the
        line arrives, nor before the order's commitment date.

        Promised at confirmation once procurement ran: a line with supply of
        its own (a make- or buy-to-order line) waits for it, whatever the
        forecast (which counts that very supply); a line whose delivery
        holds its goods (reserved) is covered; the forecast is read for the
        others only."""
        supply_dates = self._oms_get_supply_dates()
        supplied = self.filtered(lambda line: line in supply_dates)
        reserved = (self - supplied).filtered(lambda line: line._oms_is_reserved())
        atp = (self - supplied - reserved)._oms_get_atp_quantities()
        promised = {}
        for line in self:
            if line not in supplied and (
                line in reserved or line._oms_is_covered(atp.get(line))
            ):
                lead = line.customer_lead or 0.0
            else:
                lead = line._oms_get_replenishment_lead_days()
            promise = line._oms_get_order_date() + timedelta(days=math.ceil(lead))
            if line in supplied:
                promise = max(promise, supply_dates[line])
            commitment = line.order_id.commitment_date
            if commitment:
                promise = max(promise, fields.Date.context_today(line, commitment))
            promised[line] = promise
        return promised

    # BUSINESS METHODS: jeopardy

    def _oms_rule_execute_jeopardy(self, matches):
        """Rule action ``jeopardy``: each line of ``self`` gets the highest
        level of the rules matching it, the others go back to none. Rules
        that escalate schedule an activity on the order (once per level).

        :returns: ``{line: level}`` of the lines in jeopardy
        """
        levels = {}
        escalations = {}
        for rule, lines in matches:
            rank = JEOPARDY_RANK[rule.jeopardy_level]
            for line in lines:
                if rank > JEOPARDY_RANK[levels.get(line, "none")]:
                    levels[line] = rule.jeopardy_level
            if rule.escalate:
                for order in lines.order_id:
                    if rank > JEOPARDY_RANK[escalations.get(order, "none")]:
                        escalations[order] = rule.jeopardy_level
        Scan = self.env["oms.jeopardy.scan"]
        Scan._write_levels(self, levels)
        if escalations:
            Scan._escalate(escalations)
        return levels

    def _oms_jeopardy_scan_batch(self, today):
        """Scan one batch of lines (see ``oms.jeopardy.scan._scan_batch``);
        the hook addons extend to act on a batch once its levels are set.

        :returns: the number of lines whose level changed
        """
        return self.env["oms.jeopardy.scan"]._scan_batch(self, today)

    @api.model
    def _oms_jeopardy_scan(self, lines=None, batch_size=1000):
        """Run the jeopardy scan over the open order lines (or ``lines``),
        see ``oms.jeopardy.scan._run``.

        :returns: the number of lines scanned
        """
        scans = self.env["oms.jeopardy.scan"]._run(lines, batch_size)
        return sum(scans.mapped("line_count"))

    @api.model
    def _cron_oms_jeopardy_scan(self):
        # Cron of databases installed before the scan had its own model.
        return self.env["oms.jeopardy.scan"]._cron_run()
