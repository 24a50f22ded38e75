# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskSla(models.Model):
    _inherit = "helpdesk.sla"

    escalation_level_ids = fields.One2many(
        "oms.helpdesk.escalation.level", "sla_id", string="Escalation Levels"
    )

    @api.constrains("team_ids")
    def _check_team_calendar(self):
        """SLA deadlines are counted in the team's business hours: a team
        without working hours would silently give no deadline."""
        for sla in self:
            teams = sla.team_ids.filtered(lambda t: not t.resource_calendar_id)
            if teams:
                raise ValidationError(
                    self.env._(
                        "SLA %(sla)s: team %(team)s has no working hours. Set "
                        "the team's calendar first.",
                        sla=sla.name,
                        team=", ".join(teams.mapped("name")),
                    )
                )
