# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsDdXlsx(models.AbstractModel):
    """Demurrage and detention workbook: the headline figure (charges the
    company caused, goal zero) and one row per clock."""

    _name = "report.oms_export_logistics.dd_xlsx"
    _inherit = "report.oms_core.xlsx_abstract"
    _description = "Demurrage and Detention XLSX Report"

    def _get_columns(self):
        """``[(header, width, getter(clock))]`` of the clock sheet."""
        clock_model = self.env["oms.dd.clock"]

        def label(fname):
            field = clock_model._fields[fname]
            selection = dict(field._description_selection(self.env))
            return lambda clock: selection.get(clock[fname], "")

        return [
            (self.env._("Shipment"), 14, lambda c: c.shipment_id.name),
            (self.env._("Container"), 14, lambda c: c.container_id.name),
            (self.env._("Type"), 8, lambda c: c.container_type_id.code or ""),
            (self.env._("Carrier"), 24, lambda c: c.carrier_id.name or ""),
            (self.env._("Port"), 8, lambda c: c.port or ""),
            (self.env._("Clock"), 22, label("clock_type")),
            (self.env._("Started"), 18, lambda c: str(c.start_datetime or "")),
            (self.env._("Stopped"), 18, lambda c: str(c.end_datetime or "")),
            (self.env._("Last Free Day"), 12, lambda c: str(c.last_free_day or "")),
            (self.env._("Chargeable Days"), 10, lambda c: c.chargeable_days),
            (self.env._("Amount"), 12, lambda c: c.amount),
            (self.env._("Currency"), 8, lambda c: c.currency_id.name),
            (self.env._("Amount (Company)"), 14, lambda c: c.amount_company),
            (self.env._("Projected"), 12, lambda c: c.projected_amount),
            (self.env._("Who Pays"), 10, label("payer")),
            (self.env._("Cause"), 10, label("cause")),
            (self.env._("Accrued"), 12, lambda c: c.accrued_amount),
            (self.env._("Re-bill Invoice"), 16, lambda c: c.rebill_move_id.name or ""),
        ]

    def generate_xlsx_report(self, workbook, data, clocks):
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(self.env._("D&D"))
        kpi = self.env["oms.dd.clock"]._dd_get_kpi([("id", "in", clocks.ids)])
        sheet.write(0, 0, self.env._("Caused by the company (goal: zero)"), bold)
        sheet.write(0, 1, kpi["company_caused"])
        sheet.write(1, 0, self.env._("Total demurrage and detention"), bold)
        sheet.write(1, 1, kpi["total"])
        columns = self._get_columns()
        header_row = 3
        for col, (header, width, _getter) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(header_row, col, header, bold)
        for row, clock in enumerate(clocks, start=header_row + 1):
            for col, (_header, _width, getter) in enumerate(columns):
                sheet.write(row, col, getter(clock))
