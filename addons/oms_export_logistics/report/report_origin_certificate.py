# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportOriginCertificate(models.AbstractModel):
    """Certificate of origin application: origin and destination."""

    _name = "report.oms_export_logistics.report_origin_certificate"
    _inherit = "oms.export.document.report"
    _description = "Certificate of Origin Application Report"
    _document_code = "origin_certificate"

    @api.model
    def _get_document_values(self, shipment):
        return {
            **super()._get_document_values(shipment),
            "origin_country": self._get_origin_country(shipment),
            "origin_names": ", ".join(
                self._get_origin_country(shipment).mapped("name")
            ),
            "destination_country": shipment.partner_id.country_id,
        }
