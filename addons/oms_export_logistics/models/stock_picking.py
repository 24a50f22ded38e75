# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    oms_export_shipment_ids = fields.Many2many(
        "oms.export.shipment",
        "oms_export_shipment_stock_picking_rel",
        "picking_id",
        "shipment_id",
        string="Export Shipments",
        copy=False,
        readonly=True,
        # Written from this side too (RPC): never to another company's.
        check_company=True,
    )
    oms_export_shipment_count = fields.Integer(
        string="Export Shipment Count", compute="_compute_oms_export_shipment_count"
    )

    @api.model_create_multi
    def create(self, vals_list):
        pickings = super().create(vals_list)
        if any("oms_export_shipment_ids" in vals for vals in vals_list):
            pickings._check_company(["oms_export_shipment_ids"])
        return pickings

    def write(self, vals):
        result = super().write(vals)
        if {"oms_export_shipment_ids", "company_id"} & set(vals):
            self._check_company(["oms_export_shipment_ids"])
        return result

    def _check_company(self, fnames=None):
        if fnames is None:
            # The whole delivery (stock checks it at every validation, Odoo
            # at every write of a company-checked field): all but the export
            # shipments, which create and write above check when they change,
            # so their relation is not read again at each validation.
            fnames = [
                name
                for name in self._fields
                if name not in ("oms_export_shipment_ids", "company_id", "company_ids")
            ]
        return super()._check_company(fnames)

    def _compute_oms_export_shipment_count(self):
        for picking in self:
            picking.oms_export_shipment_count = len(picking.oms_export_shipment_ids)

    def action_oms_create_export_shipment(self):
        return self.env["oms.export.shipment.create"]._oms_open_for(
            self.sale_id, pickings=self
        )

    def action_oms_view_export_shipments(self):
        return self.oms_export_shipment_ids._oms_get_open_action()
