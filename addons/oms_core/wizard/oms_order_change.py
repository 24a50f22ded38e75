# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class OmsOrderChange(models.TransientModel):
    """Change the quantities and commitment date of an order with a reason.

    Quantities are written on the order lines, so Odoo itself adjusts the
    deliveries; the reason, the old and new values are logged on the order.
    ``sale.order._oms_apply_change`` is the entry point of code that changes
    an order without the wizard.
    """

    _name = "oms.order.change"
    _description = "Change an Order With a Reason"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    reason_id = fields.Many2one(
        "oms.reason",
        string="Reason",
        required=True,
        domain="[('reason_type', '=', 'change')]",
    )
    note = fields.Text()
    commitment_date = fields.Datetime(
        string="Delivery Date",
        compute="_compute_commitment_date",
        store=True,
        readonly=False,
        help="The date promised to the customer. Leave empty to keep the current one.",
    )
    line_ids = fields.One2many(
        "oms.order.change.line",
        "wizard_id",
        string="Lines",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("order_id")
    def _compute_commitment_date(self):
        for wizard in self:
            wizard.commitment_date = wizard.order_id.commitment_date

    @api.depends("order_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create(wizard._prepare_line_vals(line))
                for line in wizard._get_changeable_lines(wizard.order_id)
            ]

    @api.constrains("reason_id")
    def _check_reason_id(self):
        for wizard in self:
            if wizard.reason_id.reason_type != "change":
                raise ValidationError(
                    self.env._(
                        "%s is not an order change reason.", wizard.reason_id.name
                    )
                )

    @api.model
    def _get_changeable_lines(self, order):
        """Order lines whose quantity the wizard offers to edit."""
        return order.order_line.filtered(
            lambda line: (
                not line.display_type
                and not line.is_downpayment
                and not line.is_delivery
            )
        )

    def _prepare_line_vals(self, sale_line):
        return {"sale_line_id": sale_line.id, "new_qty": sale_line.product_uom_qty}

    def _get_line_quantities(self):
        """``{sale.order.line: new quantity}`` as entered in the wizard."""
        return {line.sale_line_id: line.new_qty for line in self.line_ids}

    def action_apply(self):
        self.ensure_one()
        self.order_id._oms_apply_change(
            self.reason_id, self.note, self._get_line_quantities(), self.commitment_date
        )
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _check_changeable(self, order, line_quantities, commitment_date=False):
        """Refuse (UserError) a change the order cannot take."""
        if order.state == "cancel":
            raise UserError(
                self.env._("Order %s is cancelled and cannot be changed.", order.name)
            )
        if order.locked:
            raise UserError(
                self.env._(
                    "Order %s is locked (done) and cannot be changed.", order.name
                )
            )
        foreign = self.env["sale.order.line"].union(*line_quantities) - order.order_line
        if foreign:
            raise UserError(
                self.env._(
                    "Lines %(lines)s are not lines of order %(order)s.",
                    lines=", ".join(foreign.mapped("display_name")),
                    order=order.name,
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

    @api.model
    def _prepare_change_message(self, order, reason, note, changes, old_date):
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
                    order.commitment_date,
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

    @api.model
    def _oms_change_order(
        self, order, reason, note, line_quantities, commitment_date=False
    ):
        """Change line quantities (and the commitment date) of one order.

        ``line_quantities`` maps sale.order.line to new quantity; an empty
        ``commitment_date`` keeps the current one.

        :returns: ``{line: (old_qty, new_qty)}`` of the lines that changed
        """
        order.ensure_one()
        order._oms_check_reason(reason, "change")
        if commitment_date == order.commitment_date:
            commitment_date = False
        self._check_changeable(order, line_quantities, commitment_date)
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
            raise UserError(self.env._("Nothing to change on order %s.", order.name))
        old_date = order.commitment_date if date_changed else None
        changed_lines = self.env["sale.order.line"].union(*changes)
        # One write per new quantity; sale_stock adjusts the pickings.
        for qty, lines in changed_lines.grouped(lambda line: changes[line][1]).items():
            lines.product_uom_qty = qty
        if date_changed:
            order.commitment_date = commitment_date
        order.oms_change_count += 1
        order.message_post(
            body=self._prepare_change_message(order, reason, note, changes, old_date),
            subtype_xmlid="mail.mt_note",
        )
        order._oms_after_change(changes)
        # A new quantity may complete or reopen the delivery.
        order._oms_sync_stage()
        return changes


class OmsOrderChangeLine(models.TransientModel):
    _name = "oms.order.change.line"
    _description = "Order Change Line"

    wizard_id = fields.Many2one("oms.order.change", required=True, ondelete="cascade")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id")
    product_uom = fields.Many2one(related="sale_line_id.product_uom", string="Unit")
    current_qty = fields.Float(
        related="sale_line_id.product_uom_qty", string="Current Quantity"
    )
    qty_delivered = fields.Float(related="sale_line_id.qty_delivered")
    new_qty = fields.Float(string="New Quantity", digits="Product Unit of Measure")
