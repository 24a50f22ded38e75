# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportProformaInvoice(models.AbstractModel):
    """Pro-forma invoice: the payment terms."""

    _name = "report.oms_export_logistics.report_proforma_invoice"
    _inherit = "oms.export.document.report"
    _description = "Pro-forma Invoice Report"
    _document_code = "proforma_invoice"

    @api.model
    def _get_document_values(self, shipment):
        return {
            **super()._get_document_values(shipment),
            "payment_terms": self._get_payment_terms(shipment),
        }
