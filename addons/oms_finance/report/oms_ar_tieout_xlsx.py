# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsArTieoutXlsx(models.AbstractModel):
    _name = "report.oms_finance.ar_tieout_xlsx"
    _inherit = "report.oms_core.xlsx_abstract"
    _description = "OMS AR Tie-out XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "#,##0.00"})
        for tieout in objs:
            issue_field = tieout.line_ids._fields["issue"]
            issues = dict(issue_field._description_selection(self.env))
            sheet = workbook.add_worksheet("AR Tie-out")
            sheet.set_column(0, 3, 32)
            sheet.write(0, 0, "AR Tie-out", bold)
            sheet.write(1, 0, tieout.company_id.name)
            sheet.write(2, 0, tieout.date_to.isoformat())
            for row, (label, value) in enumerate(
                [
                    ("Subledger", tieout.subledger_total),
                    ("GL Balance", tieout.gl_total),
                    ("Difference", tieout.difference),
                ],
                start=4,
            ):
                sheet.write(row, 0, label, bold)
                sheet.write_number(row, 1, value, number)
            row = 8
            sheet.write(row, 0, "Differences", bold)
            for col, header in enumerate(["Issue", "Entry", "Account", "Amount"]):
                sheet.write(row + 1, col, header, bold)
            row += 2
            for line in tieout.line_ids:
                sheet.write(row, 0, issues[line.issue])
                sheet.write(row, 1, line.move_id.display_name)
                sheet.write(row, 2, line.account_id.display_name)
                sheet.write_number(row, 3, line.amount, number)
                row += 1
            sheet = workbook.add_worksheet("Subledger")
            sheet.set_column(0, 0, 40)
            sheet.write(0, 0, "Customer", bold)
            sheet.write(0, 1, "Open Residual", bold)
            for row, partner_line in enumerate(tieout.partner_line_ids, start=1):
                sheet.write(row, 0, partner_line.partner_id.display_name)
                sheet.write_number(row, 1, partner_line.amount, number)
