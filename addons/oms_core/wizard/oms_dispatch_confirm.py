# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class OmsDispatchConfirm(models.TransientModel):
    """Confirm the dispatch date agreed with the plant and the logistics
    provider; the order then moves to the ``scheduled`` stage.

    ``sale.order._oms_confirm_dispatch`` is the entry point of code that
    confirms without the wizard (e.g. an export shipment's dispatch).
    """

    _name = "oms.dispatch.confirm"
    _description = "Confirm Dispatch Date"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    company_id = fields.Many2one(related="order_id.company_id")
    date_order = fields.Datetime(related="order_id.date_order", string="Order Date")
    promised_date = fields.Date(related="order_id.oms_promised_date")
    # Precomputed: code creating the wizard for an order gets its default date.
    dispatch_date = fields.Date(
        compute="_compute_dispatch_date",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    logistics_provider_id = fields.Many2one(
        "res.partner",
        string="Logistics Provider",
        compute="_compute_logistics_provider_id",
        store=True,
        readonly=False,
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id)]",
    )
    note = fields.Text()
    # The supply behind each line (stock, RFQ, purchase or manufacturing
    # order and its date), for the person agreeing the date with the plant.
    line_ids = fields.One2many(
        related="order_id.order_line", string="Order Lines", readonly=True
    )
    supply_date = fields.Date(
        compute="_compute_supply_date",
        help="When the last open supply behind the order is expected.",
    )
    before_supply = fields.Boolean(compute="_compute_supply_date")

    @api.depends("order_id", "dispatch_date")
    def _compute_supply_date(self):
        for wizard in self:
            dates = wizard.order_id.order_line._oms_get_supply_dates().values()
            wizard.supply_date = max(dates) if dates else False
            wizard.before_supply = bool(
                wizard.supply_date
                and wizard.dispatch_date
                and wizard.dispatch_date < wizard.supply_date
            )

    @api.depends("order_id")
    def _compute_dispatch_date(self):
        for wizard in self:
            order = wizard.order_id
            wizard.dispatch_date = (
                order.oms_dispatch_date
                or order.oms_promised_date
                or fields.Date.context_today(wizard)
            )

    @api.depends("order_id")
    def _compute_logistics_provider_id(self):
        for wizard in self:
            wizard.logistics_provider_id = wizard.order_id.oms_logistics_provider_id

    def action_confirm_dispatch(self):
        self.ensure_one()
        self.order_id._oms_confirm_dispatch(
            self.dispatch_date, self.logistics_provider_id, self.note
        )
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _check_orders_confirmed(self, orders):
        for order in orders:
            if order.state != "sale":
                raise UserError(
                    self.env._(
                        "Order %s is not confirmed: its dispatch cannot be scheduled.",
                        order.name,
                    )
                )

    @api.model
    def _check_orders(self, orders, dispatch_date):
        """Refuse (UserError) a dispatch ``orders`` cannot take."""
        self._check_orders_confirmed(orders)
        for order in orders:
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

    @api.model
    def _prepare_order_vals(self, dispatch_date, provider):
        return {
            "oms_dispatch_date": dispatch_date,
            "oms_logistics_provider_id": provider.id,
            "oms_dispatch_confirmed_by_id": self.env.uid,
            "oms_dispatch_confirmed_on": fields.Datetime.now(),
        }

    @api.model
    def _get_pickings(self, orders):
        """The open deliveries the dispatch date applies to."""
        return orders.picking_ids.filtered(
            lambda picking: (
                picking.picking_type_code == "outgoing"
                and picking.state not in ("done", "cancel")
            )
        )

    @api.model
    def _prepare_message(self, dispatch_date, provider, note):
        body = Markup("<p>%s</p>") % self.env._(
            "Dispatch confirmed for %s.", format_date(self.env, dispatch_date)
        )
        return body + self._prepare_message_details(provider, note)

    @api.model
    def _prepare_message_details(self, provider, note):
        """The provider and note paragraphs of a dispatch message (the export
        shipment's dispatch confirmation posts them too)."""
        body = Markup()
        if provider:
            body += Markup("<p>%s</p>") % self.env._(
                "Logistics provider: %s", provider.display_name
            )
        if note:
            body += Markup("<p>%s</p>") % note
        return body

    @api.model
    def _confirm_orders(self, orders, dispatch_date, provider=None, note=False):
        """Record on ``orders`` the dispatch date agreed with plant and
        logistics provider, move their open deliveries to it and tell the
        chatter. Their stage becomes ``scheduled``. Nothing changes if an
        order is refused.
        """
        provider = provider or self.env["res.partner"]
        self._check_orders(orders, dispatch_date)
        orders.write(self._prepare_order_vals(dispatch_date, provider))
        pickings = self._get_pickings(orders)
        if pickings:
            # Midday UTC keeps the same calendar day in nearly every timezone.
            pickings.scheduled_date = fields.Datetime.add(
                fields.Datetime.to_datetime(dispatch_date), hours=12
            )
        body = self._prepare_message(dispatch_date, provider, note)
        for order in orders:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
