# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    export_shipment_id = fields.Many2one(
        "oms.export.shipment",
        string="Export Shipment",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )

    @api.model
    def _oms_prepare_reference_vals(self, tokens, company):
        """Also link the export shipment named by its bill of lading (or AWB)
        number, its reference or one of its container numbers."""
        vals = super()._oms_prepare_reference_vals(tokens, company)
        company = [("company_id", "=", company.id)]
        shipment = self.env["oms.export.shipment"].search(
            company + ["|", ("bl_number", "in", tokens), ("name", "in", tokens)],
            limit=1,
        )
        if not shipment:
            shipment = (
                self.env["oms.export.container"]
                .search(company + [("name", "in", tokens)], limit=1)
                .shipment_id
            )
        if shipment:
            vals["export_shipment_id"] = shipment.id
            if "sale_order_id" not in vals and shipment.sale_order_ids:
                vals["sale_order_id"] = shipment.sale_order_ids[:1].id
        return vals

    def action_open_export_shipment(self):
        self.ensure_one()
        return self._oms_open_record(self.export_shipment_id)
