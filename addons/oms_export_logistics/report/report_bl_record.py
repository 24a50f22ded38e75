# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportBlRecord(models.AbstractModel):
    """B/L or AWB record: the shared values only."""

    _name = "report.oms_export_logistics.report_bl_record"
    _inherit = "oms.export.document.report"
    _description = "Bill of Lading or Air Waybill Report"
    _document_code = "bl_record"
