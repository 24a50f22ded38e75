# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class OmsOrderHold(models.Model):
    """A hold or pending approval on a sales order, raised by a rule or a user.

    While an order has an active hold its procurement is not launched; the
    last release (or cancellation) launches it. Holds are an audit trail:
    they change state only through ``action_release`` / ``action_cancel``
    (or the engine's ``_release``), always with a comment, and are never
    deleted.
    """

    _name = "oms.order.hold"
    _description = "OMS Order Hold"
    _inherit = ["oms.state.guard.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Everything that decides who may lift the hold, or whether it still
    # holds, changes only through the transitions below.
    _oms_guarded_fields = (
        "state",
        "released_by_id",
        "released_on",
        "release_comment",
        "auto_released",
        "hold_type",
        "group_id",
        "order_id",
        "rule_id",
        "auto_release",
        "raised_by_id",
        "raised_on",
        "company_id",
        "partner_id",
    )

    order_id = fields.Many2one(
        "sale.order",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    rule_id = fields.Many2one(
        "oms.rule", ondelete="set null", index="btree_not_null", check_company=True
    )
    reason_id = fields.Many2one(
        "oms.reason", domain="[('reason_type', '=', 'hold')]", check_company=True
    )
    hold_type = fields.Selection(
        [("hold", "Hold"), ("approval", "Approval")],
        required=True,
        default="hold",
    )
    message = fields.Char()
    group_id = fields.Many2one(
        "res.groups",
        string="Released By Group",
        help="Members of this group may release the hold; empty means OMS managers.",
    )
    auto_release = fields.Boolean()
    state = fields.Selection(
        [("active", "Active"), ("released", "Released"), ("cancelled", "Cancelled")],
        default="active",
        required=True,
        index=True,
    )
    raised_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    raised_on = fields.Datetime(default=fields.Datetime.now, readonly=True)
    released_by_id = fields.Many2one("res.users", readonly=True)
    released_on = fields.Datetime(readonly=True)
    release_comment = fields.Text(readonly=True)
    auto_released = fields.Boolean(
        readonly=True,
        copy=False,
        help="Closed by the system (the rule stopped matching), not by a person.",
    )

    @api.depends("rule_id", "reason_id", "message")
    def _compute_display_name(self):
        for hold in self:
            hold.display_name = (
                hold.message
                or hold.rule_id.name
                or hold.reason_id.name
                or hold.hold_type
            )

    # CONSTRAINT METHODS

    @api.constrains("reason_id")
    def _check_reason_type(self):
        self.env["oms.reason"]._oms_check_reason_type(self, "reason_id", "hold")

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        holds = super().create(vals_list)
        holds._oms_post_raised()
        # A hold raised by hand moves the stage as one raised by a rule does.
        holds.order_id._oms_sync_stage()
        return holds

    def _oms_guarded_in(self, vals):
        guarded = super()._oms_guarded_in(vals)
        # A client raises a hold on an order (the rest keeps its defaults);
        # once raised, the hold never moves to another order.
        if not self:
            guarded = [fname for fname in guarded if fname != "order_id"]
        return guarded

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_trail(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Holds are never deleted: release or cancel them with a "
                    "comment instead."
                )
            )

    # PUBLIC ACTIONS

    def action_release(self, comment=None):
        """Release the holds as the current user; ``comment`` is mandatory."""
        return self._oms_action_close("released", comment)

    def action_cancel(self, comment=None):
        """Withdraw holds raised in error (same rights as a release);
        ``comment`` is mandatory. The order proceeds as on a release."""
        return self._oms_action_close("cancelled", comment)

    def _oms_action_open_wizard(self, mode):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release holds")
            if mode == "release"
            else self.env._("Cancel holds"),
            "res_model": "oms.hold.release",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_hold_ids": self.filtered(lambda h: h.state == "active").ids,
                "default_mode": mode,
            },
        }

    def action_open_release_wizard(self):
        return self._oms_action_open_wizard("release")

    def action_open_cancel_wizard(self):
        return self._oms_action_open_wizard("cancel")

    # BUSINESS METHODS: holds raised by the rules

    @api.model
    def _oms_prepare_rule_hold_vals(self, rule, order, hold_type):
        """Values of the hold ``rule`` raises on ``order``."""
        message = rule.message or rule.name
        if rule.check_method == "_oms_check_payment_authorized":
            # What happened to the payment and what to do, not a generic line.
            message = self.env["payment.transaction"]._oms_get_prepayment_reason(order)
        return {
            "order_id": order.id,
            "rule_id": rule.id,
            "reason_id": rule.reason_id.id,
            "hold_type": hold_type,
            "message": message,
            "group_id": rule.group_id.id,
            "auto_release": rule.auto_release,
        }

    @api.model
    def _oms_raise_from_rules(self, matches, hold_type):
        """Raise one hold of ``hold_type`` per rule and order of ``matches``
        (``[(rule, orders)]``), unless that rule already holds that order.

        :returns: the holds raised
        """
        orders = self.env["sale.order"].union(*(orders for _rule, orders in matches))
        active = {
            (hold.order_id.id, hold.rule_id.id)
            for hold in orders.oms_hold_ids
            if hold.state == "active"
        }
        vals_list = [
            self._oms_prepare_rule_hold_vals(rule, order, hold_type)
            for rule, rule_orders in matches
            for order in rule_orders
            if (order.id, rule.id) not in active
        ]
        return self._oms_raise(vals_list)

    @api.model
    def _oms_recheck_auto_release(self, orders):
        """Release the auto-release holds of ``orders`` whose rule no longer
        matches their order (e.g. the prepayment got authorized). Each rule
        is matched once against all its held orders and the cleared holds
        are released together.

        :returns: the holds released
        """
        holds = orders.oms_hold_ids.filtered(
            lambda h: h.state == "active" and h.auto_release and h.rule_id
        )
        to_release = self.browse()
        for rule, rule_holds in holds.grouped("rule_id").items():
            cleared = rule_holds.order_id - rule._match(rule_holds.order_id)
            to_release |= rule_holds.filtered_domain([("order_id", "in", cleared.ids)])
        # The engine releases on behalf of the rule: no user right involved.
        return to_release._release(
            self.env._("The rule no longer applies."), automatic=True
        )

    @api.model
    def _oms_get_waived_orders(self, orders, rules):
        """The orders among ``orders`` a person let go despite ``rules``: no
        active hold of those rules, and the last one was closed by hand (a
        release or cancellation with a comment, not the engine's)."""
        holds = orders.oms_hold_ids.filtered(lambda h: h.rule_id in rules)
        waived = orders.browse()
        for order, order_holds in holds.grouped("order_id").items():
            if any(h.state == "active" for h in order_holds):
                continue
            last = order_holds.sorted(lambda h: (h.released_on, h.id))[-1]
            if not last.auto_released:
                waived |= order
        return waived

    def _oms_hold_back_deliveries(self):
        """Tell the warehouse that the open deliveries of the held orders
        wait (their validation is refused while the prepayment is missing,
        see stock.picking)."""
        for order, holds in self.grouped("order_id").items():
            order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            )._oms_hold_back(holds)

    def _oms_get_notification(self, next_action=None):
        """Client action showing why the holds keep their orders back; it
        then runs ``next_action`` (an action dict) or reloads the view."""
        lines = [
            self.env._(
                "%(order)s: %(holds)s",
                order=order.name,
                holds="; ".join(order_holds.mapped("display_name")),
            )
            for order, order_holds in self.grouped("order_id").items()
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

    # BUSINESS METHODS: raise and close

    @api.model
    def _oms_raise(self, vals_list):
        """Raise holds on behalf of the rules engine.

        Whoever confirms the order triggers the rules; the hold's type,
        approver group and auto-release come from the rule, not from the
        user, so they are written past the guard (uid stays the user's).
        """
        return self.sudo().create(vals_list).sudo(False)

    def _oms_post_raised(self):
        for order, order_holds in self.grouped("order_id").items():
            order.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._("Order put on hold:"),
                    Markup().join(
                        Markup("<li>%s</li>") % hold.display_name
                        for hold in order_holds
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _get_release_group(self):
        self.ensure_one()
        # From the cached xml id: env.ref would query, for every hold of a
        # list, that the group still exists.
        return self.group_id or self.env["res.groups"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("oms_core.group_oms_manager")
        )

    def _check_release_rights(self):
        if self.env.su:
            return
        for hold in self:
            if hold._get_release_group() not in self.env.user.groups_id:
                raise AccessError(
                    self.env._(
                        "Only members of %(group)s may release the hold "
                        "'%(hold)s' on %(order)s.",
                        group=hold._get_release_group().full_name,
                        hold=hold.display_name,
                        order=hold.order_id.name,
                    )
                )

    @api.model
    def _oms_check_comment(self, comment):
        comment = (comment or "").strip() if isinstance(comment, str) else ""
        if not comment:
            raise UserError(
                self.env._("Explain why the hold is released or cancelled.")
            )
        return comment

    def _prepare_close_vals(self, state, comment, automatic=False):
        return {
            "state": state,
            "released_by_id": self.env.user.id,
            "released_on": fields.Datetime.now(),
            "release_comment": comment,
            "auto_released": automatic,
        }

    def _prepare_close_message(self, state, comment, automatic):
        if automatic and state == "cancelled":
            title = self.env._("Automatically cancelled:")
        elif automatic:
            title = self.env._("Automatically released:")
        elif state == "cancelled":
            title = self.env._("Hold cancelled by %s:", self.env.user.name)
        else:
            title = self.env._("Released by %s:", self.env.user.name)
        return Markup("%s<ul>%s</ul>%s") % (
            title,
            Markup().join(Markup("<li>%s</li>") % hold.display_name for hold in self),
            comment or "",
        )

    def _oms_close(self, state, comment, automatic=False):
        """Move the active holds among ``self`` to ``state``, log it on the
        orders once, and launch procurement of the orders left without any
        active hold.

        The rows are locked and re-read first: of two users closing the same
        hold at once, the second finds it closed and does nothing (or gets a
        serialization failure, and Odoo retries the request, which then
        finds it closed).

        :returns: the holds this call closed
        """
        holds = self._oms_lock().filtered(lambda h: h.state == "active")
        if not holds:
            return holds
        holds._oms_transition_write(
            holds._prepare_close_vals(state, comment, automatic=automatic)
        )
        for order, order_holds in holds.grouped("order_id").items():
            order.message_post(
                body=order_holds._prepare_close_message(state, comment, automatic),
                subtype_xmlid="mail.mt_note",
            )
        holds.order_id._oms_launch_procurement()
        # Transition point of the stage history (nothing written when the
        # procurement launch above already recorded the stage).
        holds.order_id._oms_sync_stage()
        return holds

    def _release(self, comment, automatic=False):
        """Release the active holds (engine or checked caller)."""
        return self._oms_close("released", comment, automatic=automatic)

    def _oms_action_close(self, state, comment):
        comment = self._oms_check_comment(comment)
        # The approver group is guarded, so checking it before the lock that
        # ``_oms_close`` takes is as good as after it.
        self._check_release_rights()
        # Rights are checked above against the hold's approver group, whose
        # members need no write access on holds or procurement.
        return self.sudo()._oms_close(state, comment).sudo(False)
