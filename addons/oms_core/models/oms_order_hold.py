# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class OmsOrderHold(models.Model):
    """A hold or pending approval on a sales order, raised by a rule or a user.

    While an order has an active hold its procurement is not launched; the
    last release launches it.
    """

    _name = "oms.order.hold"
    _description = "OMS Order Hold"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    rule_id = fields.Many2one("oms.rule", ondelete="set null", index="btree_not_null")
    reason_id = fields.Many2one("oms.reason", domain="[('reason_type', '=', 'hold')]")
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
        [("active", "Active"), ("released", "Released")],
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

    @api.depends("rule_id", "reason_id", "message")
    def _compute_display_name(self):
        for hold in self:
            hold.display_name = (
                hold.message
                or hold.rule_id.name
                or hold.reason_id.name
                or hold.hold_type
            )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        holds = super().create(vals_list)
        for order, order_holds in holds.grouped("order_id").items():
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
        return holds

    # BUSINESS METHODS

    def _get_release_group(self):
        self.ensure_one()
        return self.group_id or self.env.ref("oms_core.group_oms_manager")

    def _check_release_rights(self):
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

    def _release(self, comment, automatic=False):
        """Release active holds, log it, and launch procurement of the orders
        left without any active hold."""
        holds = self.filtered(lambda h: h.state == "active")
        if not holds:
            return holds
        holds.write(
            {
                "state": "released",
                "released_by_id": self.env.user.id,
                "released_on": fields.Datetime.now(),
                "release_comment": comment,
            }
        )
        for order, order_holds in holds.grouped("order_id").items():
            order.message_post(
                body=Markup("%s<ul>%s</ul>%s")
                % (
                    self.env._("Automatically released:")
                    if automatic
                    else self.env._("Released by %s:", self.env.user.name),
                    Markup().join(
                        Markup("<li>%s</li>") % hold.display_name
                        for hold in order_holds
                    ),
                    comment or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        holds.order_id._oms_launch_procurement()
        return holds

    def action_release(self, comment):
        """Release the holds as the current user; ``comment`` is mandatory."""
        if not (comment or "").strip():
            raise UserError(self.env._("Explain why the hold is released."))
        self._check_release_rights()
        # Rights are checked above against the hold's approver group, whose
        # members need no write access on holds or procurement.
        return self.sudo()._release(comment.strip()).sudo(False)

    def action_open_release_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release holds"),
            "res_model": "oms.hold.release",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_hold_ids": self.filtered(lambda h: h.state == "active").ids
            },
        }
