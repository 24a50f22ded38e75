# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportVgmDeclaration(models.AbstractModel):
    """VGM declaration: the shared values only."""

    _name = "report.oms_export_logistics.report_vgm_declaration"
    _inherit = "oms.export.document.report"
    _description = "VGM Declaration Report"
    _document_code = "vgm_declaration"
