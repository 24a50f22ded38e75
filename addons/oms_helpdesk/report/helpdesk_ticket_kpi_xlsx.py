# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import date_utils


class HelpdeskTicketKpiXlsx(models.AbstractModel):
    """Service KPIs of the selected tickets, with the ticket list."""

    _name = "report.oms_helpdesk.helpdesk_ticket_kpi_xlsx"
    _inherit = "report.oms_core.xlsx_abstract"
    _description = "Helpdesk Service KPIs (XLSX)"

    def _get_kpis(self, tickets):
        """``[(label, value)]`` of the service KPIs over ``tickets``."""
        closed = tickets.filtered("closed")
        sla_done = tickets.filtered(
            lambda t: t.oms_sla_status in ("attained", "breached")
        )
        attained = sla_done.filtered(lambda t: t.oms_sla_status == "attained")
        complaints = tickets.filtered("oms_is_complaint")
        # Orders and surveys are counted from the first ticket's month.
        start = date_utils.start_of(
            min(tickets.mapped("create_date"), default=fields.Datetime.now()), "month"
        )
        # Only counts leave the sales and survey apps: an agent without their
        # rights prints the service KPIs too.
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_count(
                [
                    ("state", "=", "sale"),
                    ("date_order", ">=", start),
                    ("company_id", "in", tickets.company_id.ids),
                ]
            )
        )
        surveys = (
            self.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("oms_sale_order_id", "!=", False),
                    ("oms_sale_order_id.company_id", "in", tickets.company_id.ids),
                    ("oms_has_score", "=", True),
                    ("create_date", ">=", start),
                ]
            )
        )
        csat = surveys.filtered("oms_csat")
        nps = surveys.filtered(lambda s: "nps" in s._oms_get_scores())

        def pct(part, whole):
            return round(100.0 * len(part) / len(whole), 1) if whole else 0.0

        now = fields.Datetime.now()
        backlog = tickets - closed
        ages = [(now - t.create_date).days for t in backlog]
        return [
            (self.env._("Tickets"), len(tickets)),
            (self.env._("SLA attainment (%)"), pct(attained, sla_done)),
            (
                self.env._("One-call resolution (%)"),
                pct(closed.filtered("oms_one_call_resolution"), closed),
            ),
            (self.env._("Backlog (open tickets)"), len(backlog)),
            (
                self.env._("Backlog average age (days)"),
                round(sum(ages) / len(ages), 1) if ages else 0.0,
            ),
            (self.env._("Escalations"), sum(tickets.mapped("oms_escalation_count"))),
            (
                self.env._("Complaints per 1,000 orders"),
                round(1000.0 * len(complaints) / orders, 1) if orders else 0.0,
            ),
            (
                self.env._("CSAT (% satisfied)"),
                pct(csat.filtered(lambda s: s.oms_csat >= 4), csat),
            ),
            (
                self.env._("NPS"),
                round(sum(nps.mapped("oms_nps_points")) / len(nps), 1) if nps else 0.0,
            ),
        ]

    def _get_ticket_columns(self):
        return [
            (self.env._("Ticket"), lambda t: t.number),
            (self.env._("Title"), lambda t: t.name),
            (self.env._("Customer"), lambda t: t.partner_id.display_name or ""),
            # The order's number only, whatever the reader's sales rights.
            (self.env._("Order"), lambda t: t.sale_order_id.sudo().name or ""),
            (self.env._("Category"), lambda t: t.category_id.name or ""),
            (self.env._("Team"), lambda t: t.team_id.name or ""),
            (self.env._("Stage"), lambda t: t.stage_id.name or ""),
            (self.env._("SLA"), lambda t: t.oms_sla_status or ""),
            (self.env._("Escalations"), lambda t: t.oms_escalation_count),
            (self.env._("One-call"), lambda t: t.oms_one_call_resolution),
            (self.env._("Created"), lambda t: fields.Datetime.to_string(t.create_date)),
        ]

    def generate_xlsx_report(self, workbook, data, tickets):
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet(self.env._("KPIs"))
        sheet.set_column(0, 0, 32)
        for row, (label, value) in enumerate(self._get_kpis(tickets)):
            sheet.write(row, 0, label, bold)
            sheet.write(row, 1, value)
        sheet = workbook.add_worksheet(self.env._("Tickets"))
        columns = self._get_ticket_columns()
        for col, (label, _getter) in enumerate(columns):
            sheet.write(0, col, label, bold)
        for row, ticket in enumerate(tickets, start=1):
            for col, (_label, getter) in enumerate(columns):
                sheet.write(row, col, getter(ticket))
