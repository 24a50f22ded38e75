# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.oms_core.tools.transition import check_derived_write


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    oms_picking_id = fields.Many2one(
        "stock.picking", string="Delivery", index="btree_not_null", readonly=True
    )
    oms_sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", index="btree_not_null", readonly=True
    )
    oms_policy_id = fields.Many2one(
        "oms.helpdesk.survey.policy", string="Survey Policy", readonly=True
    )
    oms_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket",
        index="btree_not_null",
        readonly=True,
        help="Ticket the survey was sent from.",
    )
    oms_followup_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Follow-up Ticket", readonly=True, copy=False
    )
    oms_csat = fields.Integer(
        string="CSAT", compute="_compute_oms_scores", store=True, aggregator="avg"
    )
    oms_csat_satisfied = fields.Float(
        string="CSAT (% satisfied)",
        compute="_compute_oms_scores",
        store=True,
        aggregator="avg",
        help="100 for a CSAT of 4 or 5, else 0: its average is the CSAT %.",
    )
    oms_nps = fields.Integer(
        string="NPS Answer", compute="_compute_oms_scores", store=True, aggregator="avg"
    )
    oms_nps_points = fields.Float(
        string="NPS",
        compute="_compute_oms_scores",
        store=True,
        aggregator="avg",
        help="100 for a promoter (9-10), -100 for a detractor (0-6), 0 "
        "otherwise: its average is the Net Promoter Score.",
    )
    oms_has_score = fields.Boolean(
        string="Has Score", compute="_compute_oms_scores", store=True
    )

    _sql_constraints = [
        (
            "oms_picking_uniq",
            "UNIQUE (oms_picking_id)",
            "A delivery gets one satisfaction survey only.",
        ),
    ]

    def write(self, vals):
        # Satisfaction and promoter scores follow the answers: the KPIs and
        # the low-score tickets read them.
        check_derived_write(self, vals, "oms_")
        return super().write(vals)

    def _oms_get_scores(self):
        """``{"csat": n, "nps": n}`` answered on this response."""
        self.ensure_one()
        return {
            line.question_id.oms_kpi: line.value_scale
            for line in self.user_input_line_ids
            if line.question_id.oms_kpi
            and line.answer_type == "scale"
            and not line.skipped
        }

    @api.depends(
        "user_input_line_ids.value_scale", "user_input_line_ids.question_id.oms_kpi"
    )
    def _compute_oms_scores(self):
        for user_input in self:
            scores = user_input._oms_get_scores()
            csat, nps = scores.get("csat"), scores.get("nps")
            user_input.oms_has_score = bool(scores)
            user_input.oms_csat = csat or 0
            user_input.oms_csat_satisfied = (
                (100.0 if csat >= 4 else 0.0) if csat is not None else False
            )
            user_input.oms_nps = nps or 0
            user_input.oms_nps_points = (
                (100.0 if nps >= 9 else (-100.0 if nps <= 6 else 0.0))
                if nps is not None
                else False
            )

    def _mark_done(self):
        result = super()._mark_done()
        self._oms_open_low_score_tickets()
        return result

    def _oms_is_low_score(self):
        self.ensure_one()
        policy = self.oms_policy_id
        scores = self._oms_get_scores()
        if not policy or not scores:
            return False
        csat, nps = scores.get("csat"), scores.get("nps")
        return (csat is not None and csat <= policy.low_csat) or (
            nps is not None and nps <= policy.low_nps
        )

    def _oms_prepare_followup_ticket_vals(self):
        self.ensure_one()
        order = self.oms_sale_order_id
        category = self.env.ref(
            "oms_helpdesk.helpdesk_ticket_category_complaint", raise_if_not_found=False
        )
        return {
            "name": self.env._("Low satisfaction score on %s", order.name),
            "description": Markup("<p>%s</p>")
            % self.env._(
                "The customer scored delivery %(picking)s: CSAT %(csat)s, NPS "
                "%(nps)s. Call them back.",
                picking=self.oms_picking_id.name,
                csat=self.oms_csat or "-",
                nps=self.oms_nps,
            ),
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "company_id": order.company_id.id,
            "sale_order_id": order.id,
            "picking_id": self.oms_picking_id.id,
            "team_id": self.oms_policy_id.followup_team_id.id,
            "category_id": category.id if category else False,
            "priority": "2",
            "oms_survey_input_id": self.id,
        }

    def _oms_open_low_score_tickets(self):
        """One follow-up ticket per low-scored response (idempotent)."""
        # Customers submit surveys as public users: the follow-up is opened
        # by the system on their behalf.
        low = self.sudo().filtered(
            lambda i: not i.oms_followup_ticket_id and i._oms_is_low_score()
        )
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .create([i._oms_prepare_followup_ticket_vals() for i in low])
        )
        for user_input, ticket in zip(low, tickets, strict=True):
            user_input.oms_followup_ticket_id = ticket
        return low.oms_followup_ticket_id

    @api.model
    def _oms_send_for_ticket(self, ticket):
        """Send now the satisfaction survey of the done deliveries of
        ``ticket``'s order not surveyed yet, and note it on the ticket.

        :returns: the survey answers (invitations) created
        """
        # Deliveries, surveys and the order's chatter belong to the sales,
        # stock and survey apps: an agent who may edit the ticket sends its
        # order's survey through the system (uid, so the author, stays the
        # agent's).
        inputs = ticket.sudo().sale_order_id.picking_ids._oms_send_satisfaction_surveys(
            force=True
        )
        if inputs:
            inputs.oms_ticket_id = ticket
            ticket.message_post(
                body=self.env._(
                    "Satisfaction survey sent for %s.",
                    ", ".join(inputs.oms_picking_id.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return inputs
