# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsExportShipmentDispatch(models.TransientModel):
    """Confirm the dispatch date agreed with the plant and the logistics
    provider for a shipment and its orders."""

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
