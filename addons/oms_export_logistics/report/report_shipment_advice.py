# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportShipmentAdvice(models.AbstractModel):
    """Shipment advice: the shared values only."""

    _name = "report.oms_export_logistics.report_shipment_advice"
    _inherit = "oms.export.document.report"
    _description = "Shipment Advice Report"
    _document_code = "shipment_advice"
