# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from contextlib import contextmanager

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare
from odoo.tools.sql import create_index

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
    ("paid", "Closed"),
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


class ProcurementFallout(UserError):
    """A procurement error during a confirmation: the confirmation is rolled
    back to its savepoint and redone without procurement, and the orders
    whose procurement fails go to the fallout queue
    (``sale.order.action_confirm``)."""


# Key in the cursor's cache: procurement errors raised now are those of a
# confirmation (``capture_procurement_errors``).
CAPTURE_PROCUREMENT_ERRORS = "oms_capture_procurement_errors"


@contextmanager
def capture_procurement_errors(env, capture=True):
    """Turn procurement errors raised inside into ``ProcurementFallout``
    (see ``sale.order.line._action_launch_stock_rule``), or not.

    A mark in the cursor's cache, not in the context: a context of its own
    would give every record the confirmation touches an environment of its
    own, and each environment looked up scans them all (about 1,000 more
    Python calls per confirmation in the benchmark)."""
    cache = env.cr.cache
    previous = cache.get(CAPTURE_PROCUREMENT_ERRORS, False)
    cache[CAPTURE_PROCUREMENT_ERRORS] = capture
    try:
        yield
    finally:
        cache[CAPTURE_PROCUREMENT_ERRORS] = previous


def procurement_errors_captured(env):
    """Whether ``capture_procurement_errors`` is on now."""
    return env.cr.cache.get(CAPTURE_PROCUREMENT_ERRORS, False)


class SaleOrder(models.Model):
    """The order pipeline on sales orders: OMS stage and its history, holds,
    dispatch, jeopardy, the rule actions and the checks the rules call.

    Holds, change, cancellation, dispatch confirmation and the jeopardy scan
    live on their own record types (``oms.order.hold``, ``oms.order.change``,
    ``oms.order.cancel``, ``oms.dispatch.confirm``, ``oms.jeopardy.scan``);
    the methods here that other code calls delegate to them.
    """

    _name = "sale.order"
    _inherit = ["sale.order", "oms.rule.mixin"]

    oms_stage = fields.Selection(
        OMS_STAGES,
        string="OMS Stage",
        compute="_compute_oms_stage_and_money",
        store=True,
        index=True,
        group_expand="_read_group_expand_oms_stage",
        help="Where the order is in the OMS pipeline, derived from its state, "
        "holds, deliveries, invoices and payments.",
    )
    # Money as a fact of its own beside the fulfilment-led stage: a prepaid
    # order can be "released" and "paid" at once.
    oms_money_state = fields.Selection(
        [
            ("none", "Not paid"),
            ("authorized", "Payment authorized"),
            ("invoiced", "Invoiced"),
            ("paid", "Paid"),
        ],
        string="Payment",
        compute="_compute_oms_stage_and_money",
        store=True,
        help="Paid: captured payments or paid invoices cover the order. "
        "Invoiced: invoiced, not yet paid. Payment authorized: an online "
        "payment is authorized (or partly paid), not yet captured.",
    )
    oms_stage_history_ids = fields.One2many(
        "oms.stage.history", "order_id", string="Stage History", readonly=True
    )
    # The stage of the open history entry, kept by the history's one writer
    # so that a transition point that changed nothing costs no query.
    oms_stage_recorded = fields.Selection(
        OMS_STAGES, string="Recorded OMS Stage", readonly=True, copy=False
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
    oms_active_hold_count = fields.Integer(
        string="Active Holds", compute="_compute_oms_on_hold", store=True
    )
    oms_can_release_holds = fields.Boolean(
        string="Can Release Holds",
        compute="_compute_oms_can_release_holds",
        help="Whether the current user may release one of the order's active "
        "holds (the hold's release group), so the button is offered only then.",
    )
    # Set by the confirmation's warning rules, cleared when the order goes
    # back to quotation (so confirming reads nothing for it).
    oms_warning_rule_ids = fields.Many2many(
        "oms.rule",
        "sale_order_oms_warning_rel",
        string="OMS Warnings",
        readonly=True,
        copy=False,
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
    oms_fallout_count = fields.Integer(
        string="Fallout Count", compute="_compute_oms_fallout_count"
    )
    # Scheduling: the dispatch date agreed with plant and logistics provider.
    oms_dispatch_date = fields.Date(
        string="Dispatch Date", tracking=True, copy=False, readonly=True
    )
    # Who agreed the dispatch, shown on the form: fetched together when
    # read, not with every read of an order (the stage reads the date only).
    oms_logistics_provider_id = fields.Many2one(
        "res.partner",
        string="Logistics Provider",
        copy=False,
        readonly=True,
        prefetch="oms_dispatch",
    )
    oms_dispatch_confirmed_by_id = fields.Many2one(
        "res.users",
        string="Dispatch Confirmed By",
        copy=False,
        readonly=True,
        prefetch="oms_dispatch",
    )
    oms_dispatch_confirmed_on = fields.Datetime(
        string="Dispatch Confirmed On", copy=False, readonly=True
    )
    oms_jeopardy_level = fields.Selection(
        JEOPARDY_LEVELS,
        string="Jeopardy",
        compute="_compute_oms_line_rollup",
        store=True,
        index=True,
    )
    # Read on the order's form and reports, not by the pipeline: fetched
    # together when asked for, not with every read of an order.
    oms_cancel_reason_id = fields.Many2one(
        "oms.reason",
        string="Cancellation Reason",
        copy=False,
        readonly=True,
        prefetch="oms_change",
    )
    oms_change_count = fields.Integer(
        string="Changes",
        copy=False,
        readonly=True,
        prefetch="oms_change",
        help="How many times the order was changed with a reason code.",
    )
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
        compute="_compute_oms_line_rollup",
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

    # COMPUTE METHODS

    def _oms_get_stage(self):
        """The pipeline stage of one order. Override to add stages.

        Fulfilment leads: money decides the stage only once the goods left
        (or when there are none), so a prepaid order invoiced before delivery
        stays released or in fulfilment until it ships, and is never closed
        with an open delivery. Money is its own fact: ``oms_money_state``."""
        self.ensure_one()
        if self.state == "cancel":
            return "cancelled"
        if self.state in ("draft", "sent"):
            return "captured"
        # Every line delivered (so every deliverable one): money decides, as
        # below, without reading which lines are deliverable (their products).
        lines = self.order_line.filtered(lambda line: not line.display_type)
        money = None  # read once, only where the goods let money decide
        if all(line.qty_delivered >= line.product_uom_qty for line in lines):
            money = self._oms_get_money_stage()
            if money:
                return money
        deliverable = self._oms_get_deliverable_lines()
        fulfilled = bool(deliverable) and self._oms_is_fulfilled()
        if fulfilled or not deliverable:
            if money is None:
                money = self._oms_get_money_stage()
            if money:
                return money
            if fulfilled:
                return "shipped"
        # The stored hold flag (in the order's row) first: the holds of an
        # order that has none active are not read.
        active_holds = self.oms_on_hold and self.oms_hold_ids.filtered(
            lambda h: h.state == "active"
        )
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

    def _oms_get_deliverable_lines(self):
        return self.order_line.filtered(
            lambda line: line.product_id.type == "consu" and not line.display_type
        )

    def _oms_is_fulfilled(self):
        """Whether every deliverable line of the order is delivered."""
        self.ensure_one()
        return all(
            float_compare(
                line.qty_delivered,
                line.product_uom_qty,
                precision_rounding=line.product_uom.rounding or 0.01,
            )
            >= 0
            for line in self._oms_get_deliverable_lines()
        )

    def _oms_get_money_stage(self):
        """Money stage once fully invoiced: "paid" or "invoiced"; else False."""
        self.ensure_one()
        invoices = self._oms_get_posted_invoices()
        if not invoices or self.invoice_status != "invoiced":
            return False
        paid = all(
            inv.payment_state in ("paid", "in_payment", "reversed") for inv in invoices
        )
        return "paid" if paid else "invoiced"

    def _oms_get_posted_invoices(self):
        """The posted customer invoices of the order. Read through its lines,
        as Odoo's ``invoice_ids`` is, without computing that field (a cost
        at each step of the money)."""
        self.ensure_one()
        return self.order_line.invoice_lines.move_id.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        )

    @api.depends(
        "state",
        "oms_hold_ids.state",
        "oms_hold_ids.hold_type",
        "oms_dispatch_confirmed_on",
        "order_line.qty_delivered",
        "order_line.product_uom_qty",
        "picking_ids.state",
        "transaction_ids.state",
        "invoice_status",
        "order_line.invoice_lines.move_id.state",
        "order_line.invoice_lines.move_id.payment_state",
    )
    def _compute_oms_stage_and_money(self):
        # One compute for both: they change together (an invoice posted or
        # paid moves both), the stage's money part reads what the money
        # state just read, and each compute of its own costs the ORM's
        # bookkeeping (and mail's tracking check) at every step of an order.
        money_states = self._oms_get_money_states()
        for order in self:
            order.oms_money_state = money_states[order]
            order.oms_stage = order._oms_get_stage()

    def _oms_get_money_states(self):
        """``{order: money state}`` (see ``oms_money_state``), read in batch."""
        result = {}
        confirmed = self.filtered(lambda o: o.state == "sale")
        # Nothing covers an order without transactions nor invoices: their
        # payments are not read.
        covered = confirmed.filtered(
            lambda o: o.oms_has_transaction or o.order_line.invoice_lines
        )
        Transaction = self.env["payment.transaction"]
        paid = Transaction._oms_get_covered_amounts(covered, captured_only=True)
        authorized = Transaction._oms_get_covered_amounts(covered)
        for order in self:
            if order not in confirmed:
                result[order] = "none"
                continue
            money = order in covered and order._oms_get_money_stage()
            if money == "paid" or order._oms_is_covered_by(paid.get(order, 0.0)):
                result[order] = "paid"
            elif money:
                result[order] = "invoiced"
            elif authorized.get(order, 0.0) > 0:
                result[order] = "authorized"
            else:
                result[order] = "none"
        return result

    def _oms_is_covered_by(self, amount):
        """Whether ``amount`` covers the order's total. Nothing covers no
        positive total: the currency (its rounding) is then not read."""
        self.ensure_one()
        if not amount and self.amount_total > 0:
            return False
        return self.currency_id.compare_amounts(amount, self.amount_total) >= 0

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

    @api.depends("oms_hold_ids.state", "oms_hold_ids.group_id")
    @api.depends_context("uid")
    def _compute_oms_can_release_holds(self):
        user_groups = self.env.user.groups_id
        for order in self:
            order.oms_can_release_holds = any(
                hold._get_release_group() in user_groups
                for hold in order.oms_hold_ids
                if hold.state == "active"
            )

    @api.depends("partner_shipping_id.country_id", "company_id.partner_id.country_id")
    def _compute_oms_is_export(self):
        # The company's country is its partner's: read there, not through
        # res.company's compute of its address, which would run for it.
        for order in self:
            country = order.partner_shipping_id.country_id
            order.oms_is_export = bool(
                country and country != order.company_id.partner_id.country_id
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

    @api.depends("order_line.oms_jeopardy_level", "order_line.oms_promised_date")
    def _compute_oms_line_rollup(self):
        # The order's roll-ups of its lines, in one compute: both are read
        # from the same lines, and each compute of its own costs the ORM's
        # bookkeeping (and mail's tracking check) at every new order.
        for order in self:
            lines = order.order_line
            levels = lines.mapped("oms_jeopardy_level") or ["none"]
            order.oms_jeopardy_level = max(
                levels, key=lambda lvl: JEOPARDY_RANK.get(lvl, 0)
            )
            dates = [day for day in lines.mapped("oms_promised_date") if day]
            order.oms_promised_date = max(dates) if dates else False

    @api.model
    def _read_group_expand_oms_stage(self, values, domain):
        return [key for key, _label in OMS_STAGES]

    @api.depends("partner_id")
    def _compute_picking_policy(self):
        policies = self._oms_get_picking_policy_map()
        for order in self:
            ship_policy = order.partner_id.commercial_partner_id.oms_ship_policy
            order.picking_policy = (
                policies.get(ship_policy) or order.picking_policy or "direct"
            )

    @api.model
    def _oms_get_picking_policy_map(self):
        """Customer shipping policy -> Odoo picking policy."""
        return {"complete": "one", "partial": "direct"}

    # CONSTRAINT METHODS

    @api.constrains("oms_cancel_reason_id")
    def _check_oms_cancel_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(
            self, "oms_cancel_reason_id", "cancel"
        )

    # CRUD METHODS

    def _auto_init(self):
        res = super()._auto_init()
        # The quantity check reads a customer's latest confirmed orders
        # (``_oms_get_quantity_history``): found through this index, their
        # cost does not grow with the customer's history.
        create_index(
            self.env.cr,
            "sale_order_oms_partner_confirmed_index",
            self._table,
            ["partner_id", "id DESC"],
            where="state = 'sale'",
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._oms_sync_stage(created=True)  # the entry stage, captured
        return orders

    def write(self, vals):
        if "oms_stage_recorded" in vals and not self.env.su:
            # Bookkeeping of the stage history: only its writer sets it.
            raise UserError(
                self.env._("The recorded OMS stage is kept by the stage history.")
            )
        result = super().write(vals)
        # Line edits (quantities, lines added or removed) and the dispatch
        # date move the stage; state changes go through the actions below.
        if self._oms_stage_fields_in(vals):
            self._oms_sync_stage()
        return result

    @api.model
    def _oms_stage_fields_in(self, vals):
        return bool({"order_line", "oms_dispatch_confirmed_on"} & set(vals))

    # ACTIONS

    def action_confirm(self):
        """Confirm the orders; when a rule held one, tell the user why at
        once with a sticky warning listing the holds (Odoo's own result,
        True or an action, is returned when nothing was held)."""
        # One savepoint around the whole confirmation, taken while nothing
        # is pending (a request's cache is cold): a procurement error rolls
        # it all back, and the rare failure pays for confirming twice
        # rather than every confirmation for a flush before procurement.
        self.env.flush_all()  # as the current user, not the savepoint's env
        self.env.cr.flush()  # pending pre-commit hooks (tracking)
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            result = super().action_confirm()
        except Exception as error:
            self.env.cr.clear()  # what the ORM holds of the rolled back work
            savepoint.close(rollback=True)
            if not isinstance(error, ProcurementFallout):
                raise
            # Confirmed again without procurement, then launched order by
            # order: the orders whose procurement fails go to the fallouts.
            result = super(
                SaleOrder, self.with_context(oms_defer_procurement=True)
            ).action_confirm()
            self._oms_launch_procurement_after_error(error)
        else:
            savepoint.close(rollback=False)  # no flush: the request's flush
        self._oms_sync_stage()
        # The stored flag first: the holds of orders without any are not read.
        holds = self.filtered("oms_on_hold").oms_hold_ids.filtered(
            lambda h: h.state == "active"
        )
        if not holds:
            return result
        return holds._oms_get_notification(result)

    def _action_confirm(self):
        # Rules run before sale_stock launches procurement, so a hold raised
        # here keeps the order from the warehouse until it is released. The
        # warnings of an earlier confirmation were cleared by action_draft.
        self._oms_apply_rules("confirm")
        with capture_procurement_errors(self.env):
            return super()._action_confirm()

    def _oms_launch_procurement_after_error(self, error):
        """Launch the procurement of the orders, confirmed again without it
        after ``error`` rolled their first confirmation back: a single order
        goes to the fallout queue with that error, several are launched
        order by order (see ``_oms_launch_procurement_or_fallout``)."""
        if len(self) == 1:
            if not self.oms_on_hold:
                self.env["oms.fallout"]._report(self, "procurement", error)
            return
        for order_lines in self.order_line.grouped("order_id").values():
            order_lines._oms_launch_procurement_or_fallout()

    def _action_cancel(self):
        result = super()._action_cancel()
        self._oms_sync_stage()
        return result

    def action_draft(self):
        result = super().action_draft()
        # Warnings belong to a confirmation: the next one sets its own.
        self.filtered("oms_warning_rule_ids").oms_warning_rule_ids = [Command.clear()]
        self._oms_sync_stage()
        return result

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

    def action_oms_cancel_with_reason(self):
        return self._oms_action_open_wizard(
            "oms.order.cancel",
            self.env._("Cancel with reason"),
            {"default_order_ids": self.ids},
        )

    def action_oms_change_order(self):
        self.ensure_one()
        return self._oms_action_open_wizard(
            "oms.order.change",
            self.env._("Change order"),
            {"default_order_id": self.id},
        )

    def action_oms_confirm_dispatch(self):
        self.ensure_one()
        self.env["oms.dispatch.confirm"]._check_orders_confirmed(self)
        return self._oms_action_open_wizard(
            "oms.dispatch.confirm",
            self.env._("Confirm dispatch"),
            {"default_order_id": self.id},
        )

    @api.model
    def _oms_action_open_wizard(self, model, name, context):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    # BUSINESS METHODS: stage history

    def _oms_sync_stage(self, created=False):
        """Record the orders' current stage in their history where it
        changed. Call it from every transition point, right after acting;
        without change it writes nothing. See
        ``oms.stage.history._oms_record_stage_changes``.

        :param created: the orders were just created (no history to close)
        :returns: the new ``oms.stage.history`` entries
        """
        return self.env["oms.stage.history"]._oms_record_stage_changes(
            self, created=created
        )

    # BUSINESS METHODS: holds and procurement

    def _oms_launch_procurement(self):
        """Launch procurement of the confirmed orders without active holds,
        order by order, each in a savepoint. Called when holds of the orders
        closed (their stage moves on) and by the fallout retry.

        :returns: the orders whose procurement failed (now in the fallout queue)
        """
        self.env.flush_all()  # as the current user, before savepoints flush
        failed = self.browse()
        for order in self.filtered(lambda o: o.state == "sale" and not o.oms_on_hold):
            if not order.order_line._oms_launch_procurement_or_fallout():
                failed |= order
        self._oms_sync_stage()
        return failed

    def _oms_get_not_invoiceable(self):
        """The orders among ``self`` the OMS does not invoice now: held ones.
        Odoo's online-payment invoicing asks it too (payment.transaction);
        oms_finance extends it with its invoice policies."""
        return self.filtered("oms_on_hold")

    def _oms_recheck_auto_release_holds(self):
        """Release the auto-release holds whose rule no longer matches
        (see ``oms.order.hold._oms_recheck_auto_release``)."""
        return self.env["oms.order.hold"]._oms_recheck_auto_release(self)

    @api.model
    def _cron_recheck_holds(self):
        """Re-check the held orders once per company (rule domains are
        evaluated in the order's company), each company in a savepoint: a
        failing company is logged and the others go on."""
        held = self.search([("oms_on_hold", "=", True), ("state", "=", "sale")])
        # Orders whose prepayment hold was released automatically, not yet
        # shipped: an authorization may have expired since.
        released = self.search(
            [
                ("state", "=", "sale"),
                ("oms_on_hold", "=", False),
                ("payment_term_id.oms_requires_prepayment", "=", True),
                ("oms_stage", "in", ("released", "scheduled", "in_fulfilment")),
                ("oms_hold_ids.auto_released", "=", True),
            ]
        )
        Transaction = self.env["payment.transaction"]
        for company, company_orders in (held | released).grouped("company_id").items():
            try:
                with self.env.cr.savepoint():
                    company_orders = company_orders.with_company(company)
                    company_orders._oms_recheck_auto_release_holds()
                    Transaction.with_company(company)._oms_recheck_prepayment(
                        company_orders & released, cron=True
                    )
            # A database conflict is retried as a whole by the cron.
            except Exception as error:  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                _logger.exception(
                    "OMS hold re-check failed for the orders of %s", company.name
                )
        return True

    # BUSINESS METHODS: rule actions (dispatched by oms.rule.mixin)

    def _oms_rule_execute_hold(self, matches):
        return self.env["oms.order.hold"]._oms_raise_from_rules(matches, "hold")

    def _oms_rule_execute_approval(self, matches):
        return self.env["oms.order.hold"]._oms_raise_from_rules(matches, "approval")

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

    # BUSINESS METHODS: checks of the rules (oms.rule.check_method), each
    # returning the orders of ``self`` that fail it, read in batch

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
        # partner.credit (open receivables) and credit_to_invoice (confirmed
        # orders' invoiceable amounts) are Odoo's own figures; like Odoo's own
        # credit warning, they only count when the company uses credit limits.
        # Both are non-stored computes without dependencies: the cache may
        # hold values from before this order; read them fresh.
        self.partner_id.commercial_partner_id.invalidate_recordset(
            ["credit", "credit_to_invoice"]
        )

        def over_limit(order):
            if not order.company_id.account_use_credit_limit:
                return False
            commercial = order.partner_id.commercial_partner_id
            partner = commercial.with_company(order.company_id)
            # credit_limit is company dependent, defaulting to the company's.
            limit = partner.credit_limit
            # credit_to_invoice holds only what is invoiceable yet (nothing of
            # a delivery-invoiced order before delivery): add the rest of this
            # order, which is not counted there.
            counted = (
                order.amount_to_invoice
                if order.state == "sale" and order.partner_id == partner
                else 0.0
            )
            uncounted = order.currency_id._convert(
                order.amount_total - order.amount_invoiced - counted,
                order.company_id.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            exposure = partner.credit + partner.credit_to_invoice + uncounted
            return limit > 0 and exposure > limit

        return self.filtered(over_limit)

    def _oms_check_first_order_amount(self, rule):
        # The amount first, read from the order: the customer's history is
        # only looked up for the orders over the threshold.
        large = self.filtered(
            lambda order: order._oms_get_company_amount() > rule.amount_threshold
        )
        if not large:
            return large
        known = large._oms_get_partners_with_confirmed_orders()
        return large.filtered(
            lambda order: order.partner_id.commercial_partner_id not in known
        )

    def _oms_get_company_amount(self):
        """The order's total in its company's currency (only a foreign
        currency is converted, reading its rates)."""
        self.ensure_one()
        if self.currency_id == self.company_id.currency_id:
            return self.amount_total
        return self.currency_id._convert(
            self.amount_total,
            self.company_id.currency_id,
            self.company_id,
            self.date_order or fields.Date.context_today(self),
        )

    def _oms_get_partners_with_confirmed_orders(self):
        """The commercial partners of ``self`` with another confirmed order
        in the companies the user works in.

        Whether such an order exists, not which: one query whose cost does
        not grow with the customers' history (EXISTS stops at the first
        row)."""
        partners = self.partner_id.commercial_partner_id
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        # Only other orders are read: pending changes of ``self`` (the
        # confirmation's own date, state...) stay for the request's flush,
        # in the UPDATE of the order it makes anyway.
        self._oms_flush_others(self, ["partner_id", "state", "company_id"], self)
        rows = self.env.execute_query(
            SQL(
                "SELECT cp FROM unnest(%s::int[]) AS cp WHERE EXISTS ("
                "SELECT 1 FROM sale_order so "
                "JOIN res_partner rp ON rp.id = so.partner_id "
                "WHERE rp.commercial_partner_id = cp AND so.state = 'sale' "
                "AND so.company_id = ANY(%s::int[]) "
                "AND so.id != ALL(%s::int[]))",
                partners.ids,
                self.env.companies.ids,
                self.ids or [0],
            )
        )
        return partners.browse([row[0] for row in rows])

    def _oms_check_ship_bill_country(self, rule):
        return self.filtered(
            lambda o: (
                o.partner_shipping_id.country_id != o.partner_invoice_id.country_id
            )
        )

    def _oms_check_high_risk_country(self, rule):
        return self.filtered(
            lambda o: (
                (o.partner_shipping_id.country_id | o.partner_invoice_id.country_id)
                & rule.country_ids
            )
        )

    def _oms_check_quantity_history(self, rule):
        lines = self.order_line.filtered(lambda line: line.product_id)
        average = self._oms_get_quantity_history(lines)
        suspicious = lines.filtered(
            lambda line: (
                average.get((line.order_partner_id, line.product_id))
                and line.product_uom_qty
                > rule.ratio_threshold
                * average[(line.order_partner_id, line.product_id)]
            )
        )
        return suspicious.order_id & self

    def _oms_get_quantity_history(self, lines):
        """``{(partner, product): average quantity}`` of the confirmed lines
        of the latest other orders of the customers of ``lines`` (see
        ``_oms_get_quantity_history_size``), for their products, as the user
        reads them: record rules apply to the orders, and a line is visible
        with its order (sale's line rules are its order's).

        One aggregate query, over a bounded number of orders found through
        an index: its cost does not grow with the customer's history. Only
        other orders are read: pending changes of ``self`` (the
        confirmation's own states) are not flushed for it but stay for the
        request's flush, in the UPDATE it makes anyway.
        """
        if not lines:
            return {}
        Line = self.env["sale.order.line"]
        fnames = ["order_partner_id", "product_id", "state", "product_uom_qty"]
        fnames += ["order_id", "company_id"]
        self._oms_flush_others(Line, fnames, self.order_line)
        self._oms_flush_others(self, ["partner_id", "state", "company_id"], self)
        size = self._oms_get_quantity_history_size()
        latest = SQL(" UNION ALL ").join(
            SQL(
                "(%s)",
                self._search(
                    [
                        ("partner_id", "=", partner.id),
                        ("state", "=", "sale"),
                        ("id", "not in", self.ids),
                    ],
                    order="id desc",
                    limit=size,
                ).select(),
            )
            for partner in lines.order_partner_id
        )
        # Plain SQL over the lines of those orders: a second ORM search
        # (its domain and rules) would cost more than the query itself.
        # cr.execute, not env.execute_query: the latter would flush every
        # line of the model, this confirmation's own included.
        self.env.cr.execute(
            SQL(
                "SELECT line.order_partner_id, line.product_id, "
                "AVG(line.product_uom_qty)::float FROM sale_order_line line "
                "WHERE line.order_id IN (%(latest)s) "
                "AND line.product_id = ANY(%(products)s) AND line.state = 'sale' "
                "GROUP BY line.order_partner_id, line.product_id",
                latest=latest,
                products=lines.product_id.ids,
            )
        )
        Partner, Product = self.env["res.partner"], self.env["product.product"]
        return {
            (Partner.browse(partner_id), Product.browse(product_id)): avg
            for partner_id, product_id, avg in self.env.cr.fetchall()
        }

    @api.model
    def _oms_get_quantity_history_size(self):
        """How many of a customer's latest confirmed orders the quantity
        check averages over: recent habits, at a bounded cost."""
        return 50

    def _oms_flush_others(self, model, fnames, mine):
        """Flush ``fnames`` of ``model`` when records other than ``mine``
        have pending changes to them (a raw query is about to read them)."""
        cache = self.env.cache
        dirty = {
            record_id
            for fname in fnames
            for record_id in cache.get_dirty_records(model, model._fields[fname])._ids
        }
        if dirty - set(mine.ids):
            model.flush_model(fnames)

    def _oms_check_payment_authorized(self, rule):
        # Captured or still-valid authorized payments, or payments of the
        # invoices (see payment.transaction._oms_get_covered_amounts).
        prepaid = self.filtered("payment_term_id.oms_requires_prepayment")
        covered = self.env["payment.transaction"]._oms_get_covered_amounts(prepaid)
        return prepaid.filtered(
            lambda o: o.currency_id.compare_amounts(covered[o], o.amount_total) < 0
        )

    def _oms_check_price_floor(self, rule):
        def below_floor(line):
            # The template's stored field, not the variant's related one.
            floor = line.product_id.product_tmpl_id.oms_floor_price
            if floor:
                floor = line.company_id.currency_id._convert(
                    floor,
                    line.currency_id,
                    line.company_id,
                    fields.Date.context_today(line),
                )
            return (floor and line.price_reduce_taxexcl < floor) or (
                rule.max_discount and line.discount > rule.max_discount
            )

        return self.order_line.filtered(below_floor).order_id & self

    # BUSINESS METHODS: change, cancellation and dispatch

    def _oms_check_reason(self, reason, reason_type):
        """Refuse (UserError) a missing reason or one of another type."""
        if not reason or reason.reason_type != reason_type:
            types = dict(reason._fields["reason_type"]._description_selection(self.env))
            raise UserError(
                self.env._("Choose a reason of type %s.", types.get(reason_type))
            )

    def _oms_cancel_with_reason(self, reason, note=False):
        """Cancel the orders with a reason (see ``oms.order.cancel``)."""
        return self.env["oms.order.cancel"]._oms_cancel_orders(self, reason, note)

    def _oms_apply_change(self, reason, note, line_quantities, commitment_date=False):
        """Change one order with a reason (see ``oms.order.change``)."""
        return self.env["oms.order.change"]._oms_change_order(
            self, reason, note, line_quantities, commitment_date
        )

    def _oms_after_change(self, changes):
        """Hook run after an order change: a confirmed order is checked again
        against the 'change' rules (e.g. hold a quantity increase over the
        credit limit)."""
        if self.state == "sale":
            self._oms_apply_rules("change")

    def _oms_check_dispatch(self, dispatch_date):
        """Refuse (UserError) a dispatch the orders cannot take."""
        self.env["oms.dispatch.confirm"]._check_orders(self, dispatch_date)

    def _oms_confirm_dispatch(self, dispatch_date, provider=None, note=False):
        """Record the dispatch date (see ``oms.dispatch.confirm``)."""
        return self.env["oms.dispatch.confirm"]._confirm_orders(
            self, dispatch_date, provider, note
        )
