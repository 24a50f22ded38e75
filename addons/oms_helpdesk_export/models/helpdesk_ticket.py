# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # Found in emails by oms.export.shipment._oms_find_by_reference.
    export_shipment_id = fields.Many2one(
        "oms.export.shipment",
        string="Export Shipment",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )

    # PUBLIC ACTIONS

    def action_open_export_shipment(self):
        self.ensure_one()
        return self._oms_open_record(self.export_shipment_id)

    # BUSINESS METHODS

    @api.model
    def _oms_document_fields(self):
        return [*super()._oms_document_fields(), "export_shipment_id"]

    def _oms_get_document_order(self):
        return (
            super()._oms_get_document_order()
            or self.sudo().export_shipment_id.sale_order_ids[:1]
        )
