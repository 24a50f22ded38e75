# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportShippingInstructions(models.AbstractModel):
    """Shipping instructions: the shared values only."""

    _name = "report.oms_export_logistics.report_shipping_instructions"
    _inherit = "oms.export.document.report"
    _description = "Shipping Instructions Report"
    _document_code = "shipping_instructions"
