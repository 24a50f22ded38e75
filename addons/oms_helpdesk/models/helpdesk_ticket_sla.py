# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models


class HelpdeskTicketSla(models.Model):
    _inherit = "helpdesk.ticket.sla"

    # helpdesk_mgmt_sla indexes neither: every ticket reads its SLA lines by
    # ticket, and the escalation cron searches tickets by the lines' state.
    ticket_id = fields.Many2one(index=True)
    state = fields.Selection(index=True)

    def _oms_get_used_percents(self, now):
        """``{line: percent}``: share (%) of its time each running SLA line
        of ``self`` has used at ``now``, in its team's business hours. The
        work intervals are computed once per calendar, whatever the number
        of lines."""
        running = self.filtered(lambda s: s.state == "in_progress" and s.hours)
        starts = {}
        by_calendar = defaultdict(list)
        for line in running:
            start = line.last_state_date or line.ticket_id.create_date
            calendar = line.ticket_id.team_id.resource_calendar_id
            # A team without working hours has no business hours to count
            # (SLA teams must have some: helpdesk.sla's constraint).
            if start and start < now and calendar:
                starts[line] = start
                by_calendar[calendar].append(start)
        counters = {
            calendar: calendar._oms_get_work_hours_counter(min(dts), now)
            for calendar, dts in by_calendar.items()
        }
        percents = {}
        for line in running:
            used = line.consumed_time
            if line in starts:
                counter = counters[line.ticket_id.team_id.resource_calendar_id]
                used += counter(starts[line])
            percents[line] = 100.0 * used / line.hours
        return percents
