# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsHelpdeskSurveyPolicy(models.Model):
    """When and which satisfaction survey a customer segment gets after a
    delivery is done. The first policy (by sequence) matching the
    customer's tags applies; a policy without tags matches everyone."""

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
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Segments",
        help="Customers with one of these tags. Empty: every customer.",
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

    @api.model
    def _get_policies(self, companies):
        return self.search([("company_id", "in", [False, *companies.ids])])

    def _match(self, partner, company):
        """First policy of ``self`` for ``partner``'s segment in ``company``."""
        tags = partner.commercial_partner_id.category_id | partner.category_id
        for policy in self:
            if policy.company_id and policy.company_id != company:
                continue
            if not policy.partner_category_ids or policy.partner_category_ids & tags:
                return policy
        return self.browse()
