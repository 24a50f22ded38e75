# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsRule(models.Model):
    """Helpdesk routing rules: which team, assignee and priority a new
    ticket gets, as configuration records on the OMS rules engine."""

    _inherit = "oms.rule"

    applies_to = fields.Selection(
        selection_add=[("helpdesk.ticket", "Helpdesk Ticket")],
        ondelete={"helpdesk.ticket": "cascade"},
    )
    event = fields.Selection(
        selection_add=[("ticket_create", "Ticket creation")],
        ondelete={"ticket_create": "cascade"},
    )
    rule_type = fields.Selection(
        selection_add=[("route", "Route ticket")],
        ondelete={"route": "cascade"},
    )
    ticket_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Ticket Team",
        help="Routing: the team the ticket is given to.",
    )
    ticket_user_id = fields.Many2one(
        "res.users",
        string="Ticket Assignee",
        domain="[('share', '=', False)]",
        help="Routing: the agent the ticket is assigned to.",
    )
    ticket_priority = fields.Selection(
        [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        help="Routing: the ticket priority. Empty: keep it.",
    )

    @api.constrains("rule_type", "ticket_team_id", "ticket_user_id", "ticket_priority")
    def _check_route_parameters(self):
        for rule in self.filtered(lambda r: r.rule_type == "route"):
            if not (rule.ticket_team_id or rule.ticket_user_id or rule.ticket_priority):
                raise ValidationError(
                    self.env._(
                        "Routing rule %s must set a team, an assignee or a priority.",
                        rule.name,
                    )
                )
            if rule.applies_to != "helpdesk.ticket":
                raise ValidationError(
                    self.env._("Routing rule %s must apply to tickets.", rule.name)
                )

    @api.constrains("ticket_team_id", "company_id")
    def _check_route_team_company(self):
        """A routing rule hands tickets to a team of its own company: a rule
        of every company may only name a team shared by every company."""
        for rule in self.filtered("ticket_team_id"):
            team_company = rule.ticket_team_id.sudo().company_id
            if team_company and team_company != rule.company_id:
                raise ValidationError(
                    self.env._(
                        "Routing rule %(rule)s: team %(team)s belongs to "
                        "%(company)s; set the rule's company to it, or choose "
                        "a team of the rule's company.",
                        rule=rule.name,
                        team=rule.ticket_team_id.sudo().name,
                        company=team_company.name,
                    )
                )

    def _oms_prepare_route_vals(self):
        """Ticket values a routing rule sets (only the parameters it has)."""
        self.ensure_one()
        vals = {}
        if self.ticket_team_id:
            vals["team_id"] = self.ticket_team_id.id
        if self.ticket_user_id:
            vals["user_id"] = self.ticket_user_id.id
        if self.ticket_priority:
            vals["priority"] = self.ticket_priority
        return vals
