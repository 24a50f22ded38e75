# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo.tests import tagged

from .common import OmsHelpdeskCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestKpiReport(OmsHelpdeskCommon):
    def test_xlsx_kpis(self):
        self._create_order().action_confirm()
        complaint = self._create_ticket(
            team_id=self.team.id, category_id=self.category_complaint.id
        )
        status = self._create_ticket(
            team_id=self.team.id, category_id=self.category_status.id
        )
        status.stage_id = self.stage_done
        tickets = complaint | status
        kpis = dict(
            self.env["report.oms_helpdesk.helpdesk_ticket_kpi_xlsx"]._get_kpis(tickets)
        )
        self.assertEqual(kpis["Tickets"], 2)
        self.assertEqual(kpis["Backlog (open tickets)"], 1)
        self.assertEqual(kpis["One-call resolution (%)"], 100.0)
        self.assertGreater(kpis["Complaints per 1,000 orders"], 0)
        content, report_type = self.env["ir.actions.report"]._render_xlsx(
            "oms_helpdesk.helpdesk_ticket_kpi_xlsx", tickets.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        if openpyxl is None:
            self.skipTest("openpyxl not installed")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        sheet = workbook["KPIs"]
        values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
        self.assertEqual(values["Tickets"], 2)
        ticket_sheet = workbook["Tickets"]
        numbers = {row[0] for row in ticket_sheet.iter_rows(values_only=True)}
        self.assertIn(complaint.number, numbers)
        self.assertIn(status.number, numbers)
