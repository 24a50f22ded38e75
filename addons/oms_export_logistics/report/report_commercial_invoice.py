# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportCommercialInvoice(models.AbstractModel):
    """Commercial invoice: the posted invoices (number, date, amount), the
    payment terms (the credit's under a letter of credit), the value split
    under CIF or CIP and the exporter's declaration."""

    _name = "report.oms_export_logistics.report_commercial_invoice"
    _inherit = "oms.export.document.report"
    _description = "Commercial Invoice Report"
    _document_code = "commercial_invoice"

    @api.model
    def _get_document_values(self, shipment):
        rule = shipment.incoterm_rule_id
        values = super()._get_document_values(shipment)
        return {
            **values,
            # Signed on the day of the invoice it is tied to.
            "document_date": values["invoices"][-1:].invoice_date
            or values["document_date"],
            "payment_terms": self._get_payment_terms(shipment),
            # CIF and CIP invoices show the FOB value, freight and insurance.
            "show_split": bool(rule.requires_freight or rule.requires_insurance),
        }
