# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsGlTransferXlsx(models.AbstractModel):
    _name = "report.oms_finance.gl_transfer_xlsx"
    _inherit = "report.oms_core.xlsx_abstract"
    _description = "OMS GL Transfer XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "#,##0.00"})
        for report in objs:
            sheet = workbook.add_worksheet("GL Transfer")
            sheet.set_column(0, 2, 30)
            sheet.set_column(3, 5, 16)
            sheet.write(0, 0, "GL Transfer", bold)
            sheet.write(1, 0, report.company_id.name)
            sheet.write(
                2, 0, f"{report.date_from.isoformat()} - {report.date_to.isoformat()}"
            )
            headers = ["Category", "Journal", "Account", "Debit", "Credit", "Balance"]
            for col, header in enumerate(headers):
                sheet.write(4, col, header, bold)
            lines = report._get_lines()
            row = 5
            for line in lines:
                sheet.write(row, 0, line["category_label"])
                sheet.write(row, 1, line["journal"].display_name)
                sheet.write(row, 2, line["account"].display_name)
                for col, key in enumerate(("debit", "credit", "balance"), start=3):
                    sheet.write_number(row, col, line[key], number)
                row += 1
            row += 1
            sheet.write(row, 0, "Totals", bold)
            for total in report._get_totals(lines).values():
                row += 1
                sheet.write(row, 0, total["label"])
                for col, key in enumerate(("debit", "credit", "balance"), start=3):
                    sheet.write_number(row, col, total[key], number)
