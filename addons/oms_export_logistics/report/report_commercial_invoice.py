# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportCommercialInvoice(models.AbstractModel):
    """Commercial invoice: the posted invoices and the payment terms."""

    _name = "report.oms_export_logistics.report_commercial_invoice"
    _inherit = "oms.export.document.report"
    _description = "Commercial Invoice Report"

    @api.model
    def _get_document_values(self, shipment):
        invoices = shipment.sale_order_ids.invoice_ids.filtered(
            lambda m: m.state == "posted"
        )
        return {
            **super()._get_document_values(shipment),
            "invoice_names": ", ".join(invoices.mapped("name")),
            "payment_terms": self._get_payment_terms(shipment),
        }
