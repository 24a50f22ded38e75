# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    escalation_level_ids = fields.One2many(
        "oms.helpdesk.escalation.level", "team_id", string="Escalation Levels"
    )

    @api.constrains("use_sla", "resource_calendar_id")
    def _check_sla_calendar(self):
        for team in self:
            if team.use_sla and not team.resource_calendar_id:
                raise ValidationError(
                    self.env._(
                        "Team %s uses SLAs, which run in business hours: set "
                        "its working hours.",
                        team.name,
                    )
                )
