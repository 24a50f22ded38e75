# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class OmsOrderCancel(models.TransientModel):
    """Cancel sales orders with a cancellation reason code.

    The cancellation goes through Odoo's own ``_action_cancel``, so
    deliveries and draft invoices follow; the reason is recorded on the
    order and in its chatter. ``sale.order._oms_cancel_with_reason`` is the
    entry point of code that cancels without the wizard.
    """

    _name = "oms.order.cancel"
    _description = "Cancel Orders With a Reason"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason_id = fields.Many2one(
        "oms.reason",
        string="Reason",
        required=True,
        domain="[('reason_type', '=', 'cancel')]",
    )
    note = fields.Text()

    @api.constrains("reason_id")
    def _check_reason_id(self):
        for wizard in self:
            if wizard.reason_id.reason_type != "cancel":
                raise ValidationError(
                    self.env._(
                        "%s is not a cancellation reason.", wizard.reason_id.name
                    )
                )

    def action_cancel_orders(self):
        self.ensure_one()
        self.order_ids._oms_cancel_with_reason(self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _check_cancellable(self, orders):
        """Refuse (UserError) orders that cannot be cancelled with a reason."""
        for order in orders:
            if order.state == "cancel":
                raise UserError(
                    self.env._("Order %s is already cancelled.", order.name)
                )
            if order.locked:
                raise UserError(
                    self.env._(
                        "Order %s is locked (done) and cannot be cancelled.", order.name
                    )
                )
            delivered = order.order_line.filtered(
                lambda line: (
                    float_compare(
                        line.qty_delivered,
                        0.0,
                        precision_rounding=line.product_uom.rounding or 0.01,
                    )
                    > 0
                )
            )
            if delivered:
                raise UserError(
                    self.env._(
                        "Order %(order)s cannot be cancelled: goods were already "
                        "delivered (%(products)s). Return them or change the "
                        "order instead.",
                        order=order.name,
                        products=", ".join(delivered.product_id.mapped("display_name")),
                    )
                )
            if order.invoice_ids.filtered(lambda move: move.state == "posted"):
                raise UserError(
                    self.env._(
                        "Order %s has posted invoices: issue a credit note before "
                        "cancelling it.",
                        order.name,
                    )
                )

    @api.model
    def _prepare_cancel_message(self, reason, note):
        body = Markup("%s <strong>%s</strong>") % (
            self.env._("Order cancelled. Reason:"),
            reason.display_name,
        )
        if note:
            body += Markup("<br/>%s") % note
        return body

    @api.model
    def _oms_cancel_orders(self, orders, reason, note=False):
        """Cancel ``orders`` through Odoo's own ``_action_cancel`` (pickings,
        draft invoices) and record why. Nothing changes if any order is
        refused.
        """
        orders._oms_check_reason(reason, "cancel")
        self._check_cancellable(orders)
        orders._action_cancel()
        orders.oms_cancel_reason_id = reason
        # Cancelled orders leave the hold queue: their holds are cancelled,
        # not released; procurement is not launched as the orders are no
        # longer confirmed.
        orders.oms_hold_ids.filtered(lambda h: h.state == "active")._oms_close(
            "cancelled",
            self.env._("Order cancelled: %s", reason.display_name),
            automatic=True,
        )
        body = self._prepare_cancel_message(reason, note)
        for order in orders:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
