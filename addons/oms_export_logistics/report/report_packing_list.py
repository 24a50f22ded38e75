# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportPackingList(models.AbstractModel):
    """Packing list: the shared values only."""

    _name = "report.oms_export_logistics.report_packing_list"
    _inherit = "oms.export.document.report"
    _description = "Packing List Report"
    _document_code = "packing_list"
