# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

REMEDY_REASON_TYPES = {
    "return": "return",
    "credit_note": "credit",
    "replacement": "return",
}


class HelpdeskTicketRemedy(models.TransientModel):
    """Give the customer a remedy from a ticket: a return, a credit note
    or a replacement order, created by oms_finance and linked back."""

    _name = "helpdesk.ticket.remedy"
    _description = "Ticket Remedy"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, readonly=True)
    sale_order_id = fields.Many2one(related="ticket_id.sale_order_id")
    remedy_type = fields.Selection(
        [
            ("return", "Return"),
            ("credit_note", "Credit note"),
            ("replacement", "Replacement order"),
        ],
        required=True,
        default="credit_note",
    )
    reason_type = fields.Char(compute="_compute_reason_type")
    reason_id = fields.Many2one(
        "oms.reason",
        compute="_compute_reason_id",
        store=True,
        readonly=False,
        domain="[('reason_type', '=', reason_type)]",
    )
    amount = fields.Monetary(
        help="Credit note: the amount to credit. Empty: credit the quantities "
        "below at their invoiced price.",
    )
    currency_id = fields.Many2one(related="sale_order_id.currency_id")
    line_ids = fields.One2many(
        "helpdesk.ticket.remedy.line", "wizard_id", string="Quantities"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket = self.env["helpdesk.ticket"].browse(
            values.get("ticket_id") or self.env.context.get("active_id")
        )
        values["ticket_id"] = ticket.id
        if "line_ids" in fields_list and ticket.sale_order_id:
            values["line_ids"] = [
                Command.create({"sale_line_id": line.id, "quantity": 0.0})
                for line in ticket.sale_order_id.order_line
                if not line.display_type
            ]
        return values

    @api.depends("remedy_type")
    def _compute_reason_type(self):
        for wizard in self:
            wizard.reason_type = REMEDY_REASON_TYPES.get(wizard.remedy_type)

    @api.depends("remedy_type")
    def _compute_reason_id(self):
        for wizard in self:
            reason_type = REMEDY_REASON_TYPES.get(wizard.remedy_type)
            if wizard.reason_id.reason_type != reason_type:
                wizard.reason_id = self.env["oms.reason"].search(
                    [("reason_type", "=", reason_type)], limit=1
                )

    # CHECKS

    def _check_remedy(self):
        """Refuse a remedy nothing could sensibly be created for."""
        self.ensure_one()
        order = self.sale_order_id
        if not order:
            raise UserError(
                self.env._("Link the ticket to a sales order before a remedy.")
            )
        if order.state == "cancel":
            raise UserError(
                self.env._(
                    "Order %s is cancelled: no return, credit note or "
                    "replacement can be given on it.",
                    order.name,
                )
            )
        if order.state != "sale":
            raise UserError(self.env._("Order %s is not confirmed yet.", order.name))
        for line in self.line_ids:
            if line.quantity < 0 or line.quantity > line.sale_line_id.product_uom_qty:
                raise UserError(
                    self.env._(
                        "The quantity of %(product)s must be between 0 and "
                        "the %(qty)s ordered.",
                        product=line.sale_line_id.product_id.display_name,
                        qty=line.sale_line_id.product_uom_qty,
                    )
                )
        if self.amount < 0:
            raise UserError(self.env._("A credit amount cannot be negative."))
        needs_lines = self.remedy_type in ("return", "replacement") or not self.amount
        if needs_lines and not self._get_line_qtys():
            raise UserError(self.env._("Enter the quantity of at least one product."))

    # BUSINESS METHODS

    def _get_line_qtys(self):
        """``{sale.order.line: quantity}`` of the lines with a quantity."""
        return {
            line.sale_line_id: line.quantity
            for line in self.line_ids
            if line.quantity > 0
        }

    def _create_remedy_document(self):
        """Call oms_finance's remedy for the chosen type; returns the document."""
        order = self.sale_order_id
        reason = self.reason_id
        if self.remedy_type == "return":
            return order._oms_create_return_request(
                self._get_line_qtys(), reason, resolution="refund"
            )
        if self.remedy_type == "credit_note":
            # An amount credits a price adjustment; else the quantities.
            return order._oms_create_credit_note(
                reason,
                amount=self.amount or None,
                line_qtys=None if self.amount else self._get_line_qtys(),
            )
        return order._oms_create_replacement_order(self._get_line_qtys(), reason)

    def _prepare_remedy_vals(self, document):
        return {
            "ticket_id": self.ticket_id.id,
            "sale_order_id": self.sale_order_id.id,
            "remedy_type": self.remedy_type,
            "res_model": document._name,
            "res_id": document.id,
            "reason_id": self.reason_id.id,
        }

    def action_create_remedy(self):
        self.ensure_one()
        self._check_remedy()
        document = self._create_remedy_document()
        remedy = self.env["oms.helpdesk.remedy"].create(
            self._prepare_remedy_vals(document)
        )
        types = dict(self._fields["remedy_type"]._description_selection(self.env))
        body = Markup("%s: %s") % (types[self.remedy_type], document.display_name)
        self.ticket_id.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.sale_order_id.message_post(
            body=Markup("%s %s") % (self.ticket_id.display_name, body),
            subtype_xmlid="mail.mt_note",
        )
        return remedy.action_open_document()
