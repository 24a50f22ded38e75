# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestSatisfaction(OmsHelpdeskCommon):
    """Surveys after delivery, CSAT/NPS scores and low-score follow-ups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment = cls.env["res.partner.category"].create({"name": "Key account"})
        cls.policy_key = cls._create_survey_policy(
            domain=cls._segment_domain(cls.segment),
            name="Key accounts: next day",
            sequence=1,
            delay_days=1,
            followup_team_id=cls.team.id,
        )
        cls.policy_all = cls._create_survey_policy(
            name="Everyone: after 3 days",
            sequence=10,
            delay_days=3,
            followup_team_id=cls.team.id,
        )

    def _send(self, order, days_later):
        now = fields.Datetime.now() + timedelta(days=days_later)
        return order.picking_ids._oms_send_satisfaction_surveys(now=now)

    def _answer(self, user_input, csat, nps):
        user_input._save_lines(self.q_csat, csat)
        user_input._save_lines(self.q_nps, nps)
        user_input._mark_done()

    def test_survey_sent_after_delay_once_per_delivery(self):
        order = self._delivered_order()
        self.assertFalse(self._send(order, 2), "Not before the 3 days")
        user_input = self._send(order, 3)
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.oms_picking_id, order.picking_ids)
        self.assertEqual(user_input.oms_sale_order_id, order)
        self.assertEqual(user_input.partner_id, self.customer_de)
        self.assertEqual(user_input.oms_policy_id, self.policy_all)
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", user_input.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(user_input.access_token, mail.body_html)
        # Idempotent: the cron and a manual send find nothing left to do.
        self.assertFalse(self._send(order, 4))
        self.env["stock.picking"]._cron_oms_send_satisfaction_surveys()
        self.assertEqual(order.oms_survey_input_ids, user_input)

    def test_segment_policy_applies_first(self):
        self.customer_in.category_id = self.segment
        order = self._delivered_order(partner=self.customer_in)
        user_input = self._send(order, 1)
        self.assertEqual(user_input.oms_policy_id, self.policy_key)

    def test_negative_delay_is_refused(self):
        Policy = self.env["oms.helpdesk.survey.policy"]
        # Odoo's assertRaises rolls the failed create back.
        with self.assertRaises(ValidationError) as error:
            Policy.create(
                {"name": "Yesterday", "survey_id": self.survey.id, "delay_days": -1}
            )
        self.assertIn("negative", str(error.exception))
        self.assertFalse(Policy.search([("name", "=", "Yesterday")]))

    def test_scores_csat_and_nps(self):
        order = self._delivered_order()
        user_input = self._send(order, 3)
        self._answer(user_input, 5, 10)
        self.assertEqual(user_input.oms_csat, 5)
        self.assertEqual(user_input.oms_csat_satisfied, 100.0)
        self.assertEqual(user_input.oms_nps, 10)
        self.assertEqual(user_input.oms_nps_points, 100.0)
        self.assertFalse(user_input.oms_followup_ticket_id)

    def test_low_score_opens_one_followup_ticket(self):
        order = self._delivered_order()
        user_input = self._send(order, 3)
        self._answer(user_input, 2, 3)
        ticket = user_input.oms_followup_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.sale_order_id, order)
        self.assertEqual(ticket.partner_id, self.customer_de)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.oms_survey_input_id, user_input)
        self.assertTrue(ticket.oms_is_complaint)
        self.assertEqual(user_input.oms_nps_points, -100.0)
        user_input._oms_open_low_score_tickets()
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("oms_survey_input_id", "=", user_input.id)]
            ),
            1,
        )

    def test_low_rating_after_closure_opens_followup(self):
        ticket = self._create_ticket(team_id=self.team.id)
        ticket.stage_id = self.stage_done
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": self.customer_de.id,
            }
        )
        ticket.rating_apply(1, token=rating.access_token, feedback="Too slow")
        followup = self.env["helpdesk.ticket"].search(
            [("oms_followup_of_id", "=", ticket.id)]
        )
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.partner_id, self.customer_de)
        self.assertIn("Too slow", followup.description)
        ticket.rating_apply(2, token=rating.access_token)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("oms_followup_of_id", "=", ticket.id)]
            ),
            1,
        )

    def test_good_rating_opens_nothing(self):
        ticket = self._create_ticket(team_id=self.team.id)
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": self.customer_de.id,
            }
        )
        ticket.rating_apply(5, token=rating.access_token)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("oms_followup_of_id", "=", ticket.id)])
        )
