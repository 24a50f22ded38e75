# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Cell text comes from users and emails (a ticket title is an email's
# subject): xlsxwriter must write it as a string, never turn "=..." into a
# live formula or "http://..." into a link. Pass these options wherever an
# ``xlsxwriter.Workbook`` is built.
OMS_XLSX_WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


class OmsXlsxAbstract(models.AbstractModel):
    """Base of every OMS XLSX report: text is written as text."""

    _name = "report.oms_core.xlsx_abstract"
    _inherit = "report.report_xlsx.abstract"
    _description = "OMS XLSX Report Base"

    def get_workbook_options(self):
        return {**super().get_workbook_options(), **OMS_XLSX_WORKBOOK_OPTIONS}
