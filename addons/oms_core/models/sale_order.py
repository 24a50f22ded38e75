# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

OMS_STAGES = [
    ("captured", "Captured"),
    ("validation", "Validation"),
    ("on_hold", "On Hold"),
    ("released", "Released"),
    ("scheduled", "Scheduled"),
    ("in_fulfilment", "In Fulfilment"),
    ("shipped", "Shipped"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid / Closed"),
    ("cancelled", "Cancelled"),
]
JEOPARDY_LEVELS = [
    ("none", "None"),
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]
JEOPARDY_RANK = {level: rank for rank, (level, _label) in enumerate(JEOPARDY_LEVELS)}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "oms.rule.mixin"]

    oms_stage = fields.Selection(
        OMS_STAGES,
        string="OMS Stage",
        compute="_compute_oms_stage",
        store=True,
        index=True,
        group_expand="_read_group_expand_oms_stage",
        help="Where the order is in the OMS pipeline, derived from its state, "
        "holds, deliveries, invoices and payments.",
    )
    oms_stage_history_ids = fields.One2many(
        "oms.stage.history", "order_id", string="Stage History", readonly=True
    )
    oms_stage_entered_on = fields.Datetime(
        compute="_compute_oms_stage_entered_on",
        store=True,
        string="In Stage Since",
    )
    oms_hold_ids = fields.One2many("oms.order.hold", "order_id", string="Holds")
    oms_on_hold = fields.Boolean(
        compute="_compute_oms_on_hold",
        store=True,
        string="On Hold",
        help="An active hold or pending approval keeps the order from fulfilment.",
    )
    oms_active_hold_count = fields.Integer(compute="_compute_oms_on_hold", store=True)
    oms_warning_rule_ids = fields.Many2many(
        "oms.rule",
        "sale_order_oms_warning_rel",
        string="OMS Warnings",
        readonly=True,
    )
    oms_priority = fields.Selection(
        [("0", "Normal"), ("1", "Urgent")],
        string="OMS Priority",
        default="0",
        tracking=True,
    )
    oms_is_export = fields.Boolean(
        compute="_compute_oms_is_export",
        store=True,
        string="Export Order",
        help="Delivered outside the company's country.",
    )
    oms_fallout_ids = fields.One2many("oms.fallout", "order_id", string="Fallouts")
    oms_fallout_count = fields.Integer(compute="_compute_oms_fallout_count")
    # Scheduling: the dispatch date agreed with plant and logistics provider.
    oms_dispatch_date = fields.Date(
        string="Dispatch Date", tracking=True, copy=False, readonly=True
    )
    oms_logistics_provider_id = fields.Many2one(
        "res.partner", string="Logistics Provider", copy=False, readonly=True
    )
    oms_dispatch_confirmed_by_id = fields.Many2one(
        "res.users", string="Dispatch Confirmed By", copy=False, readonly=True
    )
    oms_dispatch_confirmed_on = fields.Datetime(
        string="Dispatch Confirmed On", copy=False, readonly=True
    )
    oms_jeopardy_level = fields.Selection(
        JEOPARDY_LEVELS,
        string="Jeopardy",
        compute="_compute_oms_jeopardy_level",
        store=True,
        index=True,
    )
    oms_cancel_reason_id = fields.Many2one(
        "oms.reason", string="Cancellation Reason", copy=False, readonly=True
    )

    # COMPUTE METHODS

    def _oms_get_stage(self):
        """The pipeline stage of one order. Override to add stages."""
        self.ensure_one()
        if self.state == "cancel":
            return "cancelled"
        if self.state in ("draft", "sent"):
            return "captured"
        invoices = self.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        )
        if invoices and self.invoice_status == "invoiced":
            paid = all(
                inv.payment_state in ("paid", "in_payment", "reversed") for inv in invoices
            )
            return "paid" if paid else "invoiced"
        deliverable = self.order_line.filtered(
            lambda line: line.product_id.type == "consu" and not line.display_type
        )
        delivered = deliverable.filtered(
            lambda line: float_compare(
                line.qty_delivered,
                line.product_uom_qty,
                precision_rounding=line.product_uom.rounding or 0.01,
            )
            >= 0
        )
        if deliverable and delivered == deliverable:
            return "shipped"
        active_holds = self.oms_hold_ids.filtered(lambda h: h.state == "active")
        if active_holds:
            only_approvals = all(h.hold_type == "approval" for h in active_holds)
            return "validation" if only_approvals else "on_hold"
        started = any(line.qty_delivered for line in deliverable) or any(
            p.state == "done" for p in self.picking_ids
        )
        if started:
            return "in_fulfilment"
        if self.oms_dispatch_confirmed_on:
            return "scheduled"
        return "released"

    @api.depends(
        "state",
        "oms_hold_ids.state",
        "oms_hold_ids.hold_type",
        "oms_dispatch_confirmed_on",
        "order_line.qty_delivered",
        "order_line.product_uom_qty",
        "picking_ids.state",
        "invoice_status",
        "order_line.invoice_lines.move_id.state",
        "order_line.invoice_lines.move_id.payment_state",
    )
    def _compute_oms_stage(self):
        for order in self:
            order.oms_stage = order._oms_get_stage()

    def _compute_field_value(self, field):
        # Log stage transitions where they happen, whatever triggered the
        # recompute (confirmation, hold, delivery, invoice, payment).
        if field.name != "oms_stage":
            return super()._compute_field_value(field)
        # Under recompute protection this reads the stored (previous) value.
        previous = {order.id: order.oms_stage for order in self if order.id}
        result = super()._compute_field_value(field)
        changed = self.filtered(lambda o: o.id and o.oms_stage != previous.get(o.id))
        if changed:
            changed._oms_log_stage_change(previous)
        return result

    def _oms_log_stage_change(self, previous):
        History = self.env["oms.stage.history"].sudo()  # audit trail: any user's change is logged
        now = fields.Datetime.now()
        History.search([("order_id", "in", self.ids), ("date_end", "=", False)]).write(
            {"date_end": now}
        )
        History.create(
            [
                {
                    "order_id": order.id,
                    "stage": order.oms_stage,
                    "previous_stage": previous.get(order.id) or False,
                    "user_id": self.env.uid,
                    "date_start": now,
                }
                for order in self
            ]
        )

    @api.depends("oms_stage_history_ids.date_start")
    def _compute_oms_stage_entered_on(self):
        for order in self:
            dates = order.oms_stage_history_ids.mapped("date_start")
            order.oms_stage_entered_on = max(dates) if dates else False

    @api.depends("oms_hold_ids.state")
    def _compute_oms_on_hold(self):
        for order in self:
            count = len(order.oms_hold_ids.filtered(lambda h: h.state == "active"))
            order.oms_active_hold_count = count
            order.oms_on_hold = bool(count)

    @api.depends("partner_shipping_id.country_id", "company_id.country_id")
    def _compute_oms_is_export(self):
        for order in self:
            country = order.partner_shipping_id.country_id
            order.oms_is_export = bool(country and country != order.company_id.country_id)

    def _compute_oms_fallout_count(self):
        counts = dict(
            self.env["oms.fallout"]._read_group(
                [("order_id", "in", self.ids), ("state", "=", "open")],
                ["order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.oms_fallout_count = counts.get(order, 0)

    @api.depends("order_line.oms_jeopardy_level")
    def _compute_oms_jeopardy_level(self):
        for order in self:
            levels = order.order_line.mapped("oms_jeopardy_level") or ["none"]
            order.oms_jeopardy_level = max(levels, key=lambda lvl: JEOPARDY_RANK.get(lvl, 0))

    @api.model
    def _read_group_expand_oms_stage(self, values, domain):
        return [key for key, _label in OMS_STAGES]

    # BUSINESS METHODS: confirmation and release

    def _action_confirm(self):
        # Rules run before sale_stock launches procurement, so a hold raised
        # here keeps the order from the warehouse until it is released.
        self.oms_warning_rule_ids = [Command.clear()]
        self._oms_apply_rules("confirm")
        return super(SaleOrder, self.with_context(oms_capture_fallout=True))._action_confirm()

    def _oms_release_if_clear(self):
        """Launch procurement of the confirmed orders without active holds."""
        return self.filtered(lambda o: o.state == "sale" and not o.oms_on_hold)._oms_launch_procurement()

    def _oms_launch_procurement(self):
        """Launch procurement order by order, each in a savepoint.

        :returns: the orders whose procurement failed (now in the fallout queue)
        """
        failed = self.browse()
        for order in self.filtered(lambda o: o.state == "sale" and not o.oms_on_hold):
            try:
                with self.env.cr.savepoint():
                    order.order_line._action_launch_stock_rule()
            except UserError as error:
                self.env["oms.fallout"]._report(order, "procurement", error)
                failed |= order
        return failed

    def _oms_recheck_auto_release_holds(self):
        """Release auto-release holds whose rule no longer matches the order
        (e.g. the prepayment got authorized)."""
        holds = self.oms_hold_ids.filtered(
            lambda h: h.state == "active" and h.auto_release and h.rule_id
        )
        to_release = self.env["oms.order.hold"]
        for rule, rule_holds in holds.grouped("rule_id").items():
            still_matching = rule._match(rule_holds.order_id)
            to_release |= rule_holds.filtered(lambda h: h.order_id not in still_matching)
        # The engine releases on behalf of the rule: no user right involved.
        return to_release._release(self.env._("The rule no longer applies."), automatic=True)

    @api.model
    def _cron_recheck_holds(self):
        orders = self.search([("oms_on_hold", "=", True), ("state", "=", "sale")])
        for order in orders:
            with self.env.cr.savepoint():
                order.with_company(order.company_id)._oms_recheck_auto_release_holds()
        return True

    # RULE ACTIONS (dispatched by oms.rule.mixin from the rule type)

    def _oms_prepare_hold_vals(self, rule, order, hold_type):
        return {
            "order_id": order.id,
            "rule_id": rule.id,
            "reason_id": rule.reason_id.id,
            "hold_type": hold_type,
            "message": rule.message or rule.name,
            "group_id": rule.group_id.id,
            "auto_release": rule.auto_release,
        }

    def _oms_create_holds(self, matches, hold_type):
        active = {
            (hold.order_id.id, hold.rule_id.id)
            for hold in self.oms_hold_ids
            if hold.state == "active"
        }
        vals_list = [
            self._oms_prepare_hold_vals(rule, order, hold_type)
            for rule, orders in matches
            for order in orders
            if (order.id, rule.id) not in active
        ]
        return self.env["oms.order.hold"].create(vals_list)

    def _oms_rule_execute_hold(self, matches):
        return self._oms_create_holds(matches, "hold")

    def _oms_rule_execute_approval(self, matches):
        return self._oms_create_holds(matches, "approval")

    def _oms_rule_execute_warn(self, matches):
        for rule, orders in matches:
            orders.oms_warning_rule_ids = [Command.link(rule.id)]

    def _oms_rule_execute_priority(self, matches):
        for rule, orders in matches:
            orders.oms_priority = rule.priority
            orders.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ).priority = rule.priority

    def _oms_rule_execute_notify(self, matches):
        for rule, orders in matches:
            for order in orders:
                order._send_order_notification_mail(rule.mail_template_id)

    # CHECKS (whitelisted in oms.rule.check_method; each returns the orders
    # of self that fail the check)

    def _oms_missing_data(self):
        """Human-readable list of the mandatory data an order lacks."""
        self.ensure_one()
        missing = []
        for label, partner in (
            (self.env._("invoice address"), self.partner_invoice_id),
            (self.env._("delivery address"), self.partner_shipping_id),
        ):
            if not (partner.street and partner.city and partner.country_id):
                missing.append(label)
        if self.oms_is_export:
            if not self.partner_id.commercial_partner_id.vat:
                missing.append(self.env._("customer VAT / tax id"))
            if not self.incoterm:
                missing.append(self.env._("incoterm"))
            products = self.order_line.product_id.filtered(
                lambda p: p.type == "consu" and not p.hs_code
            )
            missing += [self.env._("HS code of %s", p.display_name) for p in products]
        return missing

    def _oms_check_missing_data(self, rule):
        return self.filtered(lambda o: o._oms_missing_data())

    def _oms_check_credit_limit(self, rule):
        # partner.credit (open receivables) and credit_to_invoice (confirmed,
        # uninvoiced orders, this one included) are Odoo's own figures.
        def over_limit(order):
            partner = order.partner_id.commercial_partner_id.with_company(order.company_id)
            # credit_limit is company dependent, defaulting to the company's.
            limit = partner.credit_limit
            exposure = partner.credit + partner.credit_to_invoice
            return limit > 0 and exposure > limit

        return self.filtered(over_limit)

    def _oms_check_first_order_amount(self, rule):
        partners = self.partner_id.commercial_partner_id
        previous = self.env["sale.order"]._read_group(
            [
                ("partner_id", "child_of", partners.ids),
                ("state", "=", "sale"),
                ("id", "not in", self.ids),
            ],
            ["partner_id"],
        )
        known = {partner.commercial_partner_id for (partner,) in previous}

        def first_and_large(order):
            amount = order.currency_id._convert(
                order.amount_total,
                order.company_id.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            return (
                order.partner_id.commercial_partner_id not in known
                and amount > rule.amount_threshold
            )

        return self.filtered(first_and_large)

    def _oms_check_ship_bill_country(self, rule):
        return self.filtered(
            lambda o: o.partner_shipping_id.country_id != o.partner_invoice_id.country_id
        )

    def _oms_check_high_risk_country(self, rule):
        return self.filtered(
            lambda o: (o.partner_shipping_id.country_id | o.partner_invoice_id.country_id)
            & rule.country_ids
        )

    def _oms_check_quantity_history(self, rule):
        lines = self.order_line.filtered(lambda line: line.product_id)
        history = self.env["sale.order.line"]._read_group(
            [
                ("order_partner_id", "in", self.partner_id.ids),
                ("product_id", "in", lines.product_id.ids),
                ("state", "=", "sale"),
                ("order_id", "not in", self.ids),
            ],
            ["order_partner_id", "product_id"],
            ["product_uom_qty:avg"],
        )
        average = {(partner, product): avg for partner, product, avg in history}
        suspicious = lines.filtered(
            lambda line: average.get((line.order_partner_id, line.product_id))
            and line.product_uom_qty
            > rule.ratio_threshold * average[(line.order_partner_id, line.product_id)]
        )
        return suspicious.order_id & self

    def _oms_check_payment_authorized(self, rule):
        return self.filtered(
            lambda o: o.payment_term_id.oms_requires_prepayment
            and o.currency_id.compare_amounts(o.amount_paid, o.amount_total) < 0
        )

    def _oms_check_price_floor(self, rule):
        def below_floor(line):
            floor = line.product_id.oms_floor_price
            if floor:
                floor = line.company_id.currency_id._convert(
                    floor, line.currency_id, line.company_id, fields.Date.context_today(line)
                )
            return (floor and line.price_reduce_taxexcl < floor) or (
                rule.max_discount and line.discount > rule.max_discount
            )

        return self.order_line.filtered(below_floor).order_id & self

    # PUBLIC ACTIONS

    def action_oms_release_holds(self):
        return self.oms_hold_ids.filtered(
            lambda h: h.state == "active"
        ).action_open_release_wizard()

    def action_oms_view_fallouts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_core.oms_fallout_action")
        action["domain"] = [("order_id", "=", self.id)]
        return action

    def action_oms_recheck_holds(self):
        self._oms_recheck_auto_release_holds()
        return True
