# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.transition import transition

# Set only by the manager's override (oms.payment.override), never by a write.
PAYMENT_OVERRIDE_FIELDS = {
    "oms_payment_override_by_id",
    "oms_payment_override_on",
    "oms_payment_override_comment",
}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    oms_on_hold = fields.Boolean(related="sale_id.oms_on_hold", string="Order On Hold")
    oms_payment_override_by_id = fields.Many2one(
        "res.users", string="Shipped Unpaid By", readonly=True, copy=False
    )
    oms_payment_override_on = fields.Datetime(
        string="Shipped Unpaid On", readonly=True, copy=False
    )
    oms_payment_override_comment = fields.Text(
        string="Why Shipped Unpaid", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._oms_check_client_vals(vals_list)
        # Priority rules run at confirmation, before the deliveries exist (and
        # held orders get theirs on release): deliveries of urgent orders start
        # urgent. sale_id is not set yet at creation; the group is.
        groups = self.env["procurement.group"].browse(
            [vals["group_id"] for vals in vals_list if vals.get("group_id")]
        )
        urgent = groups.filtered(lambda g: g.sale_id.oms_priority == "1").ids
        for vals in vals_list:
            if vals.get("group_id") in urgent:
                vals.setdefault("priority", "1")
        return super().create(vals_list)

    def write(self, vals):
        self._oms_check_client_vals([vals])
        return super().write(vals)

    def _oms_check_client_vals(self, vals_list):
        if self.env.su:
            return
        # The state follows the moves (a compute): "done" written by a client
        # would show goods shipped that never left.
        if any(vals.get("state") == "done" for vals in vals_list):
            raise UserError(self.env._("A transfer is done only by validating it."))
        if any(PAYMENT_OVERRIDE_FIELDS & set(vals) for vals in vals_list):
            raise UserError(
                self.env._(
                    "Shipping without an authorized prepayment is recorded only "
                    "through the override, by an OMS manager with a comment."
                )
            )

    # ACTIONS

    def button_validate(self):
        blocked = self._oms_get_unpaid_deliveries()
        if blocked:
            if self.env.user.has_group("oms_core.group_oms_manager"):
                return blocked._oms_action_open_payment_override()
            raise UserError(blocked._oms_get_unpaid_message())
        return super().button_validate()

    def _action_done(self):
        # Every way of validating ends here (the button, backorder and
        # immediate transfer wizards, code).
        blocked = self._oms_get_unpaid_deliveries()
        if blocked:
            raise UserError(blocked._oms_get_unpaid_message())
        # sale_stock adds a line, with its delivered quantity, for goods
        # delivered that the order did not list.
        with transition(self.env["sale.order.line"], whole_model=True):
            return super()._action_done()

    def _oms_action_open_payment_override(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ship without authorized prepayment"),
            "res_model": "oms.payment.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_ids": self.ids},
        }

    # BUSINESS METHODS

    def _oms_get_unpaid_deliveries(self):
        """Open deliveries among ``self`` of orders whose required prepayment
        is not covered, unless a manager overrode it for the delivery or a
        person released the order's prepayment hold."""
        # Warehouse users read the order's terms and payments for the check.
        candidates = self.sudo().filtered(
            lambda p: (
                p.picking_type_code == "outgoing"
                and p.state not in ("done", "cancel")
                and not p.oms_payment_override_on
                and p.sale_id.payment_term_id.oms_requires_prepayment
            )
        )
        if not candidates:
            return self.browse()
        Transaction = self.env["payment.transaction"].sudo()
        orders = candidates.sale_id
        unpaid = Transaction._oms_get_unpaid(orders)
        waived = (
            self.env["oms.order.hold"]
            .sudo()
            ._oms_get_waived_orders(
                orders, Transaction._oms_get_prepayment_rules(orders)
            )
        )
        blocked = candidates.filtered(
            lambda p: p.sale_id in unpaid and p.sale_id not in waived
        )
        return self.browse(blocked.ids)

    def _oms_get_unpaid_message(self):
        Transaction = self.env["payment.transaction"].sudo()
        lines = [
            self.env._(
                "%(picking)s (%(order)s): %(reason)s",
                picking=picking.name,
                order=picking.sudo().sale_id.name,
                reason=Transaction._oms_get_prepayment_reason(picking.sudo().sale_id),
            )
            for picking in self
        ]
        return self.env._(
            "These deliveries cannot be validated: the prepayment their order "
            "requires is not authorized.\n%(lines)s\nAn OMS manager may ship "
            "anyway with a comment (it is recorded).",
            lines="\n".join(lines),
        )

    def _oms_hold_back(self, holds):
        """Note on the open deliveries that their order is held again."""
        body = Markup("%s<ul>%s</ul>") % (
            self.env._("Held back, do not ship: the order is on hold."),
            Markup().join(Markup("<li>%s</li>") % h.display_name for h in holds),
        )
        for picking in self:
            picking.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _oms_record_payment_override(self, comment):
        """Record a manager's decision to ship these deliveries without an
        authorized prepayment (checked by the caller)."""
        self.sudo().write(
            {
                "oms_payment_override_by_id": self.env.user.id,
                "oms_payment_override_on": fields.Datetime.now(),
                "oms_payment_override_comment": comment,
            }
        )
        body = Markup("%s<br/>%s") % (
            self.env._(
                "Shipped without an authorized prepayment, by %s:", self.env.user.name
            ),
            comment,
        )
        for picking in self:
            picking.message_post(body=body, subtype_xmlid="mail.mt_note")
        for order in self.sudo().sale_id:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
