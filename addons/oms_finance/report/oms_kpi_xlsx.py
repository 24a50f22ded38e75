# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsKpiXlsx(models.AbstractModel):
    """KPI dashboard as a workbook: headline figures, cycle time per stage,
    then one row per order of the period."""

    _name = "report.oms_finance.kpi_xlsx"
    _inherit = "report.oms_core.xlsx_abstract"
    _description = "OMS KPI XLSX"

    def _get_headline_rows(self, dashboard):
        fields_ = dashboard._fields
        names = [
            "order_count",
            "otif_rate",
            "on_time_rate",
            "in_full_rate",
            "right_first_time_rate",
            "perfect_order_rate",
            "accuracy_rate",
            "cancel_rate",
            "return_rate",
            "deduction_rate",
            "fallout_count",
            "hours_to_ship",
            "hours_to_cash",
            "cost_per_order",
            "total_order_cost",
            "dso",
            "cash_collected",
        ]
        values = dashboard._get_kpi_values()
        return [(fields_[name].string, values[name]) for name in names], values

    def generate_xlsx_report(self, workbook, data, objs):
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "#,##0.00"})
        for dashboard in objs:
            sheet = workbook.add_worksheet("KPIs")
            sheet.set_column(0, 0, 32)
            sheet.set_column(1, 12, 16)
            sheet.write(0, 0, "OMS KPIs", bold)
            sheet.write(1, 0, dashboard.company_id.name)
            period = f"{dashboard.date_from} - {dashboard.date_to}"
            sheet.write(2, 0, period)
            rows, values = self._get_headline_rows(dashboard)
            row = 4
            for label, value in rows:
                sheet.write(row, 0, label)
                sheet.write_number(row, 1, value or 0.0, number)
                row += 1
            row += 1
            sheet.write(row, 0, "Cycle Time per Stage (h)", bold)
            for label, hours in values["stage_cycle_hours"]:
                row += 1
                sheet.write(row, 0, label)
                sheet.write_number(row, 1, hours, number)
            self._write_orders(workbook, dashboard, bold, number)

    def _write_orders(self, workbook, dashboard, bold, number):
        sheet = workbook.add_worksheet("Orders")
        columns = [
            ("order_id", "Order"),
            ("partner_id", "Customer"),
            ("oms_stage", "Stage"),
            ("otif_rate", "OTIF %"),
            ("right_first_time_rate", "Right First Time %"),
            ("perfect_order_rate", "Perfect Order %"),
            ("cancel_rate", "Cancelled %"),
            ("return_rate", "Returned %"),
            ("deduction_rate", "Deduction %"),
            ("fallout_count", "Fallouts"),
            ("hours_to_ship", "Order to Ship (h)"),
        ]
        for col, (_name, label) in enumerate(columns):
            sheet.write(0, col, label, bold)
        rows = self.env["oms.kpi.order"].search(dashboard._get_order_domain())
        stages = dict(rows._fields["oms_stage"]._description_selection(self.env))
        for row_index, kpi in enumerate(rows, start=1):
            for col, (name, _label) in enumerate(columns):
                value = kpi[name]
                if name == "oms_stage":
                    sheet.write(row_index, col, stages.get(value, ""))
                elif isinstance(value, models.BaseModel):
                    sheet.write(row_index, col, value.display_name or "")
                else:
                    sheet.write_number(row_index, col, value or 0.0, number)
