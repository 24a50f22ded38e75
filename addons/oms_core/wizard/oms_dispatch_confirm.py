# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsDispatchConfirm(models.TransientModel):
    """Confirm the dispatch date agreed with the plant and the logistics
    provider; the order then moves to the ``scheduled`` stage."""

    _name = "oms.dispatch.confirm"
    _description = "Confirm Dispatch Date"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    company_id = fields.Many2one(related="order_id.company_id")
    date_order = fields.Datetime(related="order_id.date_order", string="Order Date")
    promised_date = fields.Date(related="order_id.oms_promised_date")
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
