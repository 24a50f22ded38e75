# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsHelpdeskEscalationLevel(models.Model):
    """One escalation step of a team's SLA: once a ticket has used
    ``percent`` of its SLA time, notify someone, reassign the ticket or
    escalate it to the team leader. Applied once per ticket."""

    _name = "oms.helpdesk.escalation.level"
    _description = "Helpdesk Escalation Level"
    _order = "team_id, percent, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    sla_id = fields.Many2one(
        "helpdesk.sla",
        string="SLA",
        ondelete="cascade",
        help="Only for tickets under this SLA. Empty: any SLA of the team.",
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    percent = fields.Integer(
        required=True,
        help="Share of the SLA time used (from ticket creation to the SLA "
        "deadline, in business hours) at which this level applies.",
    )
    action = fields.Selection(
        [
            ("notify", "Notify"),
            ("reassign", "Reassign"),
            ("escalate_manager", "Escalate to the manager"),
        ],
        required=True,
        default="notify",
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        domain="[('share', '=', False)]",
        help="Notify: who is told (default: the assignee). Reassign: the new assignee.",
    )
    group_id = fields.Many2one(
        "res.groups",
        help="Notify: members of this group are told as well.",
    )

    _sql_constraints = [
        (
            "percent_positive",
            "CHECK (percent > 0)",
            "An escalation level applies after a positive share of the SLA.",
        ),
    ]

    @api.constrains("action", "user_id")
    def _check_reassign_user(self):
        for level in self:
            if level.action == "reassign" and not level.user_id:
                raise ValidationError(
                    self.env._(
                        "Escalation level %s reassigns tickets: choose the user.",
                        level.name,
                    )
                )
