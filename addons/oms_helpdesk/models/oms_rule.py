# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsRule(models.Model):
    """Helpdesk rules on the OMS rules engine: which team, assignee and
    priority a new ticket gets (``route``), and which satisfaction survey
    policy a done delivery gets (``send_survey``)."""

    _inherit = "oms.rule"

    area = fields.Selection(
        selection_add=[("helpdesk", "Helpdesk")],
        ondelete={"helpdesk": "set null"},
    )
    applies_to = fields.Selection(
        selection_add=[
            ("helpdesk.ticket", "Helpdesk Ticket"),
            ("stock.picking", "Delivery"),
        ],
        ondelete={"helpdesk.ticket": "cascade", "stock.picking": "cascade"},
    )
    event = fields.Selection(
        selection_add=[
            ("ticket_create", "Ticket creation"),
            ("delivery_done", "Delivery done"),
        ],
        ondelete={"ticket_create": "cascade", "delivery_done": "cascade"},
    )
    rule_type = fields.Selection(
        selection_add=[
            ("route", "Route ticket"),
            ("send_survey", "Send satisfaction survey"),
        ],
        ondelete={"route": "cascade", "send_survey": "cascade"},
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
    survey_policy_id = fields.Many2one(
        "oms.helpdesk.survey.policy",
        string="Survey Policy",
        index="btree_not_null",
        ondelete="cascade",
        check_company=True,
        help="Send satisfaction survey: the survey, delay and follow-up of "
        "the deliveries the rule matches (the first rule by sequence wins).",
    )

    # CONSTRAINT METHODS

    @api.constrains("rule_type", "ticket_team_id", "ticket_user_id", "ticket_priority")
    def _check_route_parameters(self):
        # The model and event are checked by the rule type spec; a route
        # needs one of three parameters, which a spec cannot say.
        for rule in self.filtered(lambda r: r.rule_type == "route"):
            if not (rule.ticket_team_id or rule.ticket_user_id or rule.ticket_priority):
                raise ValidationError(
                    self.env._(
                        "Routing rule %s must set a team, an assignee or a priority.",
                        rule.name,
                    )
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

    # BUSINESS METHODS

    @api.model
    def _get_rule_type_specs(self):
        specs = super()._get_rule_type_specs()
        specs.update(
            {
                # Its parameters are "one of three": _check_route_parameters.
                "route": {
                    "area": "helpdesk",
                    "applies_to": "helpdesk.ticket",
                    "event": "ticket_create",
                },
                "send_survey": {
                    "area": "helpdesk",
                    "applies_to": "stock.picking",
                    "event": "delivery_done",
                    "required": ("survey_policy_id",),
                    "payload": "survey_policy_id",
                },
            }
        )
        return specs

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
