# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsHelpdeskSurveyPolicy(models.Model):
    """Which satisfaction survey a delivery's customer gets, when, and what
    a low score opens. Which deliveries get the policy is said by its
    ``send_survey`` rules (``rule_ids``) on the OMS rules engine: the first
    matching rule by sequence wins."""

    _name = "oms.helpdesk.survey.policy"
    _description = "Satisfaction Survey Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply in every company."
    )
    survey_id = fields.Many2one("survey.survey", required=True)
    delay_days = fields.Integer(
        string="Days After Delivery",
        default=3,
        help="Days after the delivery is done before the survey is sent.",
    )
    low_csat = fields.Integer(
        string="Low CSAT",
        default=2,
        help="A CSAT answer (1-5) at or below this opens a follow-up ticket.",
    )
    low_nps = fields.Integer(
        string="Low NPS",
        default=6,
        help="An NPS answer (0-10) at or below this opens a follow-up ticket.",
    )
    followup_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Follow-up Team",
        help="Team of the follow-up ticket a low score opens.",
    )
    rule_ids = fields.One2many(
        "oms.rule",
        "survey_policy_id",
        string="Applies To",
        # Rules are OMS configuration: shown to who may read them.
        groups="oms_core.group_oms_user",
        # A rule created from the policy is a survey rule of deliveries.
        context={
            "active_test": False,
            "default_applies_to": "stock.picking",
            "default_event": "delivery_done",
            "default_rule_type": "send_survey",
        },
        help="Deliveries the policy applies to, as OMS rules: the first "
        "matching rule (by sequence) of all survey policies wins.",
    )

    # CONSTRAINT METHODS

    @api.constrains("delay_days")
    def _check_delay_days(self):
        for policy in self:
            if policy.delay_days < 0:
                raise ValidationError(
                    self.env._(
                        "Survey policy %s: the delay after delivery cannot be "
                        "negative.",
                        policy.name,
                    )
                )
