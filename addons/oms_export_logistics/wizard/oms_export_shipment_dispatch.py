# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class OmsExportShipmentDispatch(models.TransientModel):
    """Confirm the dispatch date agreed with the plant and the logistics
    provider for a shipment and its orders.

    ``oms.export.shipment._oms_confirm_dispatch`` is the entry point of code
    that confirms without the wizard; both end in ``_confirm_shipments``."""

    _name = "oms.export.shipment.dispatch"
    _description = "Confirm Shipment Dispatch"

    shipment_id = fields.Many2one("oms.export.shipment", required=True, readonly=True)
    company_id = fields.Many2one(related="shipment_id.company_id")
    warehouse_id = fields.Many2one(related="shipment_id.warehouse_id", string="Plant")
    dispatch_date = fields.Date(
        compute="_compute_dispatch_date", store=True, readonly=False, required=True
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

    @api.depends("shipment_id")
    def _compute_dispatch_date(self):
        for wizard in self:
            shipment = wizard.shipment_id
            planned = shipment.loading_planned and shipment.loading_planned.date()
            wizard.dispatch_date = (
                shipment.dispatch_date or planned or fields.Date.context_today(wizard)
            )

    @api.depends("shipment_id")
    def _compute_logistics_provider_id(self):
        for wizard in self:
            shipment = wizard.shipment_id
            wizard.logistics_provider_id = (
                shipment.logistics_provider_id or shipment.transporter_id
            )

    def action_confirm_dispatch(self):
        self.ensure_one()
        self.shipment_id._oms_confirm_dispatch(
            self.dispatch_date, self.logistics_provider_id, self.note
        )
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _check_shipments(self, shipments, dispatch_date):
        """Refuse (UserError) a dispatch ``shipments`` cannot take."""
        for shipment in shipments:
            if shipment.state in ("delivered", "cancelled"):
                raise UserError(
                    self.env._(
                        "Shipment %s is delivered or cancelled: its dispatch "
                        "cannot be confirmed.",
                        shipment.name,
                    )
                )
            if shipment.date_cutoff and dispatch_date > shipment.date_cutoff.date():
                raise UserError(
                    self.env._(
                        "Shipment %(shipment)s: the dispatch date cannot be "
                        "after the cut-off %(cutoff)s.",
                        shipment=shipment.name,
                        cutoff=format_date(self.env, shipment.date_cutoff),
                    )
                )

    @api.model
    def _prepare_shipment_vals(self, dispatch_date, provider):
        return {
            "dispatch_date": dispatch_date,
            "logistics_provider_id": provider.id,
            "dispatch_confirmed_by_id": self.env.uid,
            "dispatch_confirmed_on": fields.Datetime.now(),
        }

    @api.model
    def _prepare_message(self, shipment, dispatch_date, provider, note):
        body = Markup("<p>%s</p>") % self.env._(
            "Dispatch confirmed with the plant %(plant)s for %(date)s.",
            plant=shipment.warehouse_id.name or "-",
            date=format_date(self.env, dispatch_date),
        )
        return body + self.env["oms.dispatch.confirm"]._prepare_message_details(
            provider, note
        )

    @api.model
    def _confirm_shipments(self, shipments, dispatch_date, provider=None, note=False):
        """Record on ``shipments`` the dispatch date agreed with the plant and
        the logistics provider, and on their confirmed orders (oms_core's
        dispatch confirmation moves the deliveries), and tell the chatter.

        The dispatch fields are guarded on the shipment: rights and gates
        are checked on the rows locked and re-read, then written through the
        shipment's transition write."""
        provider = provider or self.env["res.partner"]
        shipments.check_access("write")
        shipments._oms_lock()
        self._check_shipments(shipments, dispatch_date)
        orders = shipments.sale_order_ids.filtered(lambda o: o.state == "sale")
        orders._oms_check_dispatch(dispatch_date)
        shipments._oms_transition_write(
            self._prepare_shipment_vals(dispatch_date, provider)
        )
        if orders:
            orders._oms_confirm_dispatch(dispatch_date, provider, note)
        for shipment in shipments:
            shipment.message_post(
                body=self._prepare_message(shipment, dispatch_date, provider, note),
                subtype_xmlid="mail.mt_note",
            )
        return True
