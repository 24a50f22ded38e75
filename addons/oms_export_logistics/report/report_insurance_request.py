# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportInsuranceRequest(models.AbstractModel):
    """Insurance request: the insured value."""

    _name = "report.oms_export_logistics.report_insurance_request"
    _inherit = "oms.export.document.report"
    _description = "Insurance Request Report"
    _document_code = "insurance_request"

    @api.model
    def _get_document_values(self, shipment):
        return {
            **super()._get_document_values(shipment),
            "insured_value": self._get_insured_value(shipment),
            "insured_currency": self._get_insured_currency(shipment),
        }
