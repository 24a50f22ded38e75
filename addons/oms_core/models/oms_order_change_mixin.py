# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class OmsOrderChangeMixin(models.AbstractModel):
    """Order change and cancellation with reason codes, for sales orders.

    Changes go through normal writes on the order lines and cancellations
    through Odoo's own ``_action_cancel``, so deliveries follow; the reason,
    the old and new values are logged on the order.
    """

    _name = "oms.order.change.mixin"
    _description = "OMS Order Change and Cancellation"

    oms_change_count = fields.Integer(
        string="Changes",
        copy=False,
        readonly=True,
        help="How many times the order was changed with a reason code.",
    )

    def _oms_get_changeable_lines(self):
        """Order lines whose quantity the change wizard offers to edit."""
        return self.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.is_downpayment
                and not line.is_delivery
            )
        )

    def _oms_check_reason(self, reason, reason_type):
        if not reason or reason.reason_type != reason_type:
            types = dict(reason._fields["reason_type"]._description_selection(self.env))
            raise UserError(
                self.env._("Choose a reason of type %s.", types.get(reason_type))
            )

    def _oms_check_cancellable(self):
        """Refuse (UserError) orders that cannot be cancelled with a reason."""
        for order in self:
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

    def _oms_prepare_cancel_message(self, reason, note):
        body = Markup("%s <strong>%s</strong>") % (
            self.env._("Order cancelled. Reason:"),
            reason.display_name,
        )
        if note:
            body += Markup("<br/>%s") % note
        return body

    def _oms_cancel_with_reason(self, reason, note=False):
        """Cancel the orders through Odoo's own ``_action_cancel`` (pickings,
        draft invoices) and record why. Nothing changes if any order is refused.
        """
        self._oms_check_reason(reason, "cancel")
        self._oms_check_cancellable()
        self._action_cancel()
        self.oms_cancel_reason_id = reason
        # Cancelled orders leave the hold queue: their holds are cancelled,
        # not released; procurement is not launched as the orders are no
        # longer confirmed.
        self.oms_hold_ids.filtered(lambda h: h.state == "active")._oms_close(
            "cancelled",
            self.env._("Order cancelled: %s", reason.display_name),
            automatic=True,
        )
        body = self._oms_prepare_cancel_message(reason, note)
        for order in self:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _oms_check_changeable(self, line_quantities, commitment_date=False):
        """Refuse (UserError) a change the order cannot take."""
        self.ensure_one()
        if self.state == "cancel":
            raise UserError(
                self.env._("Order %s is cancelled and cannot be changed.", self.name)
            )
        if self.locked:
            raise UserError(
                self.env._(
                    "Order %s is locked (done) and cannot be changed.", self.name
                )
            )
        foreign = self.env["sale.order.line"].union(*line_quantities) - self.order_line
        if foreign:
            raise UserError(
                self.env._(
                    "Lines %(lines)s are not lines of order %(order)s.",
                    lines=", ".join(foreign.mapped("display_name")),
                    order=self.name,
                )
            )
        for line, qty in line_quantities.items():
            rounding = line.product_uom.rounding or 0.01
            if float_compare(qty, 0.0, precision_rounding=rounding) < 0:
                raise UserError(
                    self.env._(
                        "The quantity of %s cannot be negative.",
                        line.product_id.display_name,
                    )
                )
            if float_compare(qty, line.qty_delivered, precision_rounding=rounding) < 0:
                raise UserError(
                    self.env._(
                        "%(product)s: %(delivered)s %(uom)s were already delivered, "
                        "the quantity cannot go below that (asked: %(qty)s).",
                        product=line.product_id.display_name,
                        delivered=line.qty_delivered,
                        uom=line.product_uom.name,
                        qty=qty,
                    )
                )
        if commitment_date and commitment_date < fields.Datetime.now():
            raise UserError(self.env._("The new commitment date is in the past."))

    def _oms_prepare_change_message(self, reason, note, changes, old_date):
        items = [
            Markup("<li>%s: %s → %s %s</li>")
            % (line.product_id.display_name, old, new, line.product_uom.name)
            for line, (old, new) in changes.items()
        ]
        if old_date is not None:
            items.append(
                Markup("<li>%s: %s → %s</li>")
                % (
                    self.env._("Commitment date"),
                    old_date or self.env._("none"),
                    self.commitment_date,
                )
            )
        body = Markup("%s <strong>%s</strong><ul>%s</ul>") % (
            self.env._("Order changed. Reason:"),
            reason.display_name,
            Markup().join(items),
        )
        if note:
            body += Markup("<p>%s</p>") % note
        return body

    def _oms_apply_change(self, reason, note, line_quantities, commitment_date=False):
        """Change line quantities (and the commitment date) of one order.

        Quantities are written on the lines, so Odoo itself adjusts the
        deliveries. ``line_quantities`` maps sale.order.line to new quantity;
        an empty ``commitment_date`` keeps the current one.

        :returns: ``{line: (old_qty, new_qty)}`` of the lines that changed
        """
        self.ensure_one()
        self._oms_check_reason(reason, "change")
        if commitment_date == self.commitment_date:
            commitment_date = False
        self._oms_check_changeable(line_quantities, commitment_date)
        changes = {
            line: (line.product_uom_qty, qty)
            for line, qty in line_quantities.items()
            if float_compare(
                qty,
                line.product_uom_qty,
                precision_rounding=line.product_uom.rounding or 0.01,
            )
        }
        date_changed = bool(commitment_date)
        if not changes and not date_changed:
            raise UserError(self.env._("Nothing to change on order %s.", self.name))
        old_date = self.commitment_date if date_changed else None
        changed_lines = self.env["sale.order.line"].union(*changes)
        # One write per new quantity; sale_stock adjusts the pickings.
        for qty, lines in changed_lines.grouped(lambda line: changes[line][1]).items():
            lines.product_uom_qty = qty
        if date_changed:
            self.commitment_date = commitment_date
        self.oms_change_count += 1
        self.message_post(
            body=self._oms_prepare_change_message(reason, note, changes, old_date),
            subtype_xmlid="mail.mt_note",
        )
        self._oms_after_change(changes)
        return changes

    def _oms_after_change(self, changes):
        """Hook run after an order change: a confirmed order is checked again
        against the 'change' rules (e.g. hold a quantity increase over the
        credit limit)."""
        if self.state == "sale":
            self._oms_apply_rules("change")

    def action_oms_cancel_with_reason(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel with reason"),
            "res_model": "oms.order.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_oms_change_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change order"),
            "res_model": "oms.order.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
