# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.oms_helpdesk.models.helpdesk_ticket import MAX_DOCUMENTS


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
    def _oms_document_fields(self):
        return [*super()._oms_document_fields(), "export_shipment_id"]

    @api.model
    def _oms_search_references(self, tokens, company):
        """Also the export shipments named by their bill of lading (or AWB)
        number, their reference or one of their container numbers."""
        references = super()._oms_search_references(tokens, company)
        company = [("company_id", "=", company.id)]
        # Looked up as the system, like the other documents: the caller keeps
        # only the sender's own.
        env = self.sudo().env
        shipments = env["oms.export.shipment"].search(
            company + ["|", ("bl_number", "in", tokens), ("name", "in", tokens)],
            limit=MAX_DOCUMENTS,
        )
        containers = env["oms.export.container"].search(
            company + [("name", "in", tokens)], limit=MAX_DOCUMENTS
        )
        references["export_shipment_id"] = shipments | containers.shipment_id
        return references

    def _oms_get_document_order(self):
        return (
            super()._oms_get_document_order()
            or self.sudo().export_shipment_id.sale_order_ids[:1]
        )

    def action_open_export_shipment(self):
        self.ensure_one()
        return self._oms_open_record(self.export_shipment_id)
