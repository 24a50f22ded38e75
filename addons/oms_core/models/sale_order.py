# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_date

from ..tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)

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
    _inherit = [
        "sale.order",
        "oms.rule.mixin",
        "oms.order.check.mixin",
        "oms.order.change.mixin",
        "oms.order.finance.mixin",
    ]

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
        index=True,  # the hold re-check cron searches on it
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

    @api.constrains("oms_cancel_reason_id")
    def _check_oms_cancel_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(
            self, "oms_cancel_reason_id", "cancel"
        )

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
                inv.payment_state in ("paid", "in_payment", "reversed")
                for inv in invoices
            )
            return "paid" if paid else "invoiced"
        deliverable = self.order_line.filtered(
            lambda line: line.product_id.type == "consu" and not line.display_type
        )
        delivered = deliverable.filtered(
            lambda line: (
                float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding or 0.01,
                )
                >= 0
            )
        )
        if deliverable and delivered == deliverable:
            return "shipped"
        active_holds = self.oms_hold_ids.filtered(lambda h: h.state == "active")
        if active_holds:
            only_approvals = all(h.hold_type == "approval" for h in active_holds)
            return "validation" if only_approvals else "on_hold"
        # Moves of the order's procurement group, not ``picking_ids``: reading
        # that one2many while confirmation creates the pickings would leave
        # them cached in creation order, not in stock.picking's order that
        # Odoo's own callers of ``order.picking_ids`` get.
        started = any(line.qty_delivered for line in deliverable) or any(
            move.state == "done" for move in self.procurement_group_id.stock_move_ids
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
        History = self.env[
            "oms.stage.history"
        ].sudo()  # audit trail: any user's change is logged
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
            order.oms_is_export = bool(
                country and country != order.company_id.country_id
            )

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
            order.oms_jeopardy_level = max(
                levels, key=lambda lvl: JEOPARDY_RANK.get(lvl, 0)
            )

    @api.model
    def _read_group_expand_oms_stage(self, values, domain):
        return [key for key, _label in OMS_STAGES]

    # CRUD METHODS

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # Compute the stage now so the entry stage (captured) is logged even
        # when the order moves on within the same transaction.
        orders.mapped("oms_stage")
        return orders

    # BUSINESS METHODS: confirmation and release

    def action_confirm(self):
        """Confirm the orders; when a rule held one, tell the user why at
        once with a sticky warning listing the holds (Odoo's own result,
        True or an action, is returned when nothing was held)."""
        result = super().action_confirm()
        holds = self.oms_hold_ids.filtered(lambda h: h.state == "active")
        if not holds:
            return result
        return self._oms_get_hold_notification(holds, result)

    def _oms_get_hold_notification(self, holds, next_action=None):
        """Client action showing why ``holds`` keep their orders back; it
        then runs ``next_action`` (an action dict) or reloads the view."""
        lines = [
            self.env._(
                "%(order)s: %(holds)s",
                order=order.name,
                holds="; ".join(order_holds.mapped("display_name")),
            )
            for order, order_holds in holds.grouped("order_id").items()
        ]
        if not isinstance(next_action, dict):
            next_action = {"type": "ir.actions.client", "tag": "soft_reload"}
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Confirmed, but held by the order rules"),
                "message": "\n".join(lines),
                "type": "warning",
                "sticky": True,
                "next": next_action,
            },
        }

    def _action_confirm(self):
        # Rules run before sale_stock launches procurement, so a hold raised
        # here keeps the order from the warehouse until it is released.
        self.oms_warning_rule_ids = [Command.clear()]
        self._oms_apply_rules("confirm")
        return super(
            SaleOrder, self.with_context(oms_capture_fallout=True)
        )._action_confirm()

    def _oms_launch_procurement(self):
        """Launch procurement of the confirmed orders without active holds,
        order by order, each in a savepoint.

        :returns: the orders whose procurement failed (now in the fallout queue)
        """
        self.env.flush_all()  # as the current user, before savepoints flush
        failed = self.browse()
        for order in self.filtered(lambda o: o.state == "sale" and not o.oms_on_hold):
            if not order.order_line._oms_launch_procurement_or_fallout():
                failed |= order
        return failed

    def _oms_recheck_auto_release_holds(self):
        """Release auto-release holds whose rule no longer matches their
        order (e.g. the prepayment got authorized). Batch-safe: each rule is
        matched once against all its held orders of ``self`` and the cleared
        holds are released together."""
        holds = self.oms_hold_ids.filtered(
            lambda h: h.state == "active" and h.auto_release and h.rule_id
        )
        to_release = self.env["oms.order.hold"]
        for rule, rule_holds in holds.grouped("rule_id").items():
            cleared = rule_holds.order_id - rule._match(rule_holds.order_id)
            to_release |= rule_holds.filtered_domain([("order_id", "in", cleared.ids)])
        # The engine releases on behalf of the rule: no user right involved.
        return to_release._release(
            self.env._("The rule no longer applies."), automatic=True
        )

    @api.model
    def _cron_recheck_holds(self):
        """Re-check the held orders once per company (rule domains are
        evaluated in the order's company), each company in a savepoint: a
        failing company is logged and the others go on."""
        orders = self.search([("oms_on_hold", "=", True), ("state", "=", "sale")])
        for company, company_orders in orders.grouped("company_id").items():
            try:
                with self.env.cr.savepoint():
                    company_orders.with_company(
                        company
                    )._oms_recheck_auto_release_holds()
            # A database conflict is retried as a whole by the cron.
            except Exception as error:  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                _logger.exception(
                    "OMS hold re-check failed for the orders of %s", company.name
                )
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
        return self.env["oms.order.hold"]._oms_raise(vals_list)

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

    # PUBLIC ACTIONS

    def action_oms_release_holds(self):
        return self.oms_hold_ids.filtered(
            lambda h: h.state == "active"
        ).action_open_release_wizard()

    def action_oms_view_fallouts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_core.oms_fallout_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        return action

    def action_oms_recheck_holds(self):
        self._oms_recheck_auto_release_holds()
        return True

    # ------------------------------------------------------------------

    # SOURCING AND SCHEDULING
    # ------------------------------------------------------------------

    # sale_stock's shipping policy, now proposed from the customer's
    # oms_ship_policy (a company default set in the settings still wins at
    # creation, as any default does).
    picking_policy = fields.Selection(
        compute="_compute_picking_policy",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
    )
    oms_promised_date = fields.Date(
        string="Promised Date",
        compute="_compute_oms_promised_date",
        store=True,
        help="Latest promised date of the order lines.",
    )
    oms_escalated_level = fields.Selection(
        JEOPARDY_LEVELS,
        string="Escalated Jeopardy",
        default="none",
        copy=False,
        readonly=True,
        help="Highest jeopardy level escalated to the salesperson since the "
        "order was last out of jeopardy.",
    )

    @api.depends("partner_id")
    def _compute_picking_policy(self):
        policies = self._oms_get_picking_policy_map()
        for order in self:
            ship_policy = order.partner_id.commercial_partner_id.oms_ship_policy
            order.picking_policy = (
                policies.get(ship_policy) or order.picking_policy or "direct"
            )

    @api.depends("order_line.oms_promised_date")
    def _compute_oms_promised_date(self):
        for order in self:
            dates = [day for day in order.order_line.mapped("oms_promised_date") if day]
            order.oms_promised_date = max(dates) if dates else False

    @api.model
    def _oms_get_picking_policy_map(self):
        """Customer shipping policy -> Odoo picking policy."""
        return {"complete": "one", "partial": "direct"}

    # Dispatch date confirmation

    def _oms_check_dispatch(self, dispatch_date):
        """Refuse (UserError) a dispatch the orders cannot take."""
        for order in self:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Order %s is not confirmed: its dispatch cannot be scheduled.",
                        order.name,
                    )
                )
            order_date = fields.Date.context_today(order, order.date_order)
            if not dispatch_date or dispatch_date < order_date:
                raise UserError(
                    self.env._(
                        "The dispatch date of order %(order)s cannot be before "
                        "its order date %(order_date)s.",
                        order=order.name,
                        order_date=format_date(self.env, order_date),
                    )
                )

    def _oms_prepare_dispatch_vals(self, dispatch_date, provider):
        return {
            "oms_dispatch_date": dispatch_date,
            "oms_logistics_provider_id": provider.id,
            "oms_dispatch_confirmed_by_id": self.env.uid,
            "oms_dispatch_confirmed_on": fields.Datetime.now(),
        }

    def _oms_get_dispatch_pickings(self):
        """The open deliveries the dispatch date applies to."""
        return self.picking_ids.filtered(
            lambda picking: (
                picking.picking_type_code == "outgoing"
                and picking.state not in ("done", "cancel")
            )
        )

    def _oms_prepare_dispatch_message(self, dispatch_date, provider, note):
        body = Markup("<p>%s</p>") % self.env._(
            "Dispatch confirmed for %s.", format_date(self.env, dispatch_date)
        )
        if provider:
            body += Markup("<p>%s</p>") % self.env._(
                "Logistics provider: %s", provider.display_name
            )
        if note:
            body += Markup("<p>%s</p>") % note
        return body

    def _oms_confirm_dispatch(self, dispatch_date, provider=None, note=False):
        """Record the dispatch date agreed with plant and logistics provider,
        move the open deliveries to it and tell the chatter. The order's
        stage becomes ``scheduled``. Nothing changes if an order is refused.
        """
        provider = provider or self.env["res.partner"]
        self._oms_check_dispatch(dispatch_date)
        self.write(self._oms_prepare_dispatch_vals(dispatch_date, provider))
        pickings = self._oms_get_dispatch_pickings()
        if pickings:
            # Midday UTC keeps the same calendar day in nearly every timezone.
            pickings.scheduled_date = fields.Datetime.add(
                fields.Datetime.to_datetime(dispatch_date), hours=12
            )
        body = self._oms_prepare_dispatch_message(dispatch_date, provider, note)
        for order in self:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_oms_confirm_dispatch(self):
        self.ensure_one()
        if self.state != "sale":
            raise UserError(
                self.env._(
                    "Order %s is not confirmed: its dispatch cannot be scheduled.",
                    self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm dispatch"),
            "res_model": "oms.dispatch.confirm",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    # Jeopardy escalation

    @api.model
    def _oms_get_escalation_managers(self):
        # Group membership is configuration: read it whatever the user's rights.
        return self.env.ref("oms_core.group_oms_manager").sudo().users

    def _oms_get_escalation_user(self, managers=None):
        """Who is told about an order in jeopardy: its salesperson, else an
        OMS manager of its company (``managers``: the OMS managers)."""
        self.ensure_one()
        if self.user_id.active:
            return self.user_id
        if managers is None:
            managers = self._oms_get_escalation_managers()
        manager = managers.filtered(
            lambda user: (
                user.active
                and not user.share
                and not user._is_superuser()
                and self.company_id in user.company_ids
            )
        ).sorted("id")[:1]
        return manager.with_env(self.env) or self.env.user

    def _oms_prepare_escalation_activity_vals(self, level, activity_type, managers):
        self.ensure_one()
        levels = dict(JEOPARDY_LEVELS)
        return {
            "res_model_id": self.env["ir.model"]._get_id("sale.order"),
            "res_id": self.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": self.env._("Order in jeopardy: %s", levels[level]),
            "note": self.env._(
                "Lines of order %(order)s are late against their promised date "
                "(jeopardy %(level)s). Check the projected dates and tell the "
                "customer.",
                order=self.name,
                level=levels[level],
            ),
            "user_id": self._oms_get_escalation_user(managers).id,
            "date_deadline": fields.Date.context_today(self),
        }

    @api.model
    def _oms_escalate_jeopardy(self, order_levels):
        """Schedule one to-do per order of ``order_levels`` (``{order:
        level}``) that reached a level higher than it was escalated at, so a
        re-scan never duplicates an escalation.

        :returns: the activities created
        """
        to_escalate = {
            order: level
            for order, level in order_levels.items()
            if JEOPARDY_RANK[level] > JEOPARDY_RANK[order.oms_escalated_level or "none"]
        }
        if not to_escalate:
            return self.env["mail.activity"]
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        managers = self._oms_get_escalation_managers()
        # The to-do itself tells the assignee (activity list, bus): no email
        # per activity from a batch job.
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    order._oms_prepare_escalation_activity_vals(
                        level, activity_type, managers
                    )
                    for order, level in to_escalate.items()
                ]
            )
        )
        by_level = defaultdict(list)
        for order, level in to_escalate.items():
            by_level[level].append(order.id)
        for level, ids in by_level.items():
            self.browse(ids).oms_escalated_level = level
        return activities

    def _oms_reset_jeopardy_escalation(self):
        """Orders out of jeopardy may be escalated again later."""
        self.filtered(
            lambda order: (
                order.oms_jeopardy_level == "none"
                and order.oms_escalated_level not in (False, "none")
            )
        ).oms_escalated_level = "none"
