# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestRulesEngineSurvey(OmsHelpdeskCommon):
    """Survey policies chosen by ``send_survey`` rules behave as the former
    segment matcher: the order's customer or its company has a tag, the
    first rule by sequence wins, rules of another company or archived are
    skipped, no rule sends nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.segment = cls.env["res.partner.category"].create({"name": "Rules: key"})
        cls.policy_key = cls._create_survey_policy(
            domain=cls._segment_domain(cls.segment),
            name="Rules: key accounts",
            sequence=5,
            delay_days=1,
        )
        cls.policy_all = cls._create_survey_policy(
            name="Rules: everyone", sequence=50, delay_days=3
        )
        cls.rule_key = cls.policy_key.rule_ids
        cls.rule_all = cls.policy_all.rule_ids
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Pune Traders, buyer",
                "parent_id": cls.customer_in.id,
                "type": "contact",
                "email": "buyer@pune-traders.example.com",
            }
        )

    def _policy(self, order):
        """The policy the order's delivery gets, and the survey it is sent."""
        picking = order.picking_ids
        policy = picking._oms_get_survey_policies().get(picking)
        user_input = picking._oms_send_satisfaction_surveys(force=True)
        self.assertEqual(
            user_input.oms_policy_id,
            policy or self.env["oms.helpdesk.survey.policy"],
        )
        return policy

    def test_rule_is_helpdesk_delivery_rule(self):
        self.assertEqual(self.rule_key.area, "helpdesk")
        self.assertEqual(self.rule_key.applies_to, "stock.picking")
        self.assertEqual(self.rule_key.event, "delivery_done")
        self.assertEqual(self.rule_key.rule_type, "send_survey")

    def test_segment_of_the_order_customer(self):
        self.customer_in.category_id = self.segment
        order = self._delivered_order(partner=self.customer_in)
        self.assertEqual(self._policy(order), self.policy_key)

    def test_segment_of_the_customer_company(self):
        """A contact of a tagged company gets the company's segment."""
        self.customer_in.category_id = self.segment
        order = self._delivered_order(partner=self.buyer)
        self.assertEqual(self._policy(order), self.policy_key)

    def test_customer_outside_segment_gets_everyone_policy(self):
        order = self._delivered_order()
        self.assertEqual(self._policy(order), self.policy_all)

    def test_first_rule_by_sequence_wins(self):
        self.customer_in.category_id = self.segment
        self.rule_all.sequence = 1
        order = self._delivered_order(partner=self.customer_in)
        self.assertEqual(self._policy(order), self.policy_all)

    def test_rule_of_other_company_is_ignored(self):
        other = self.env["res.company"].create({"name": "Survey Rules Other Co"})
        self.customer_in.category_id = self.segment
        self.policy_key.company_id = other
        self.rule_key.company_id = other
        order = self._delivered_order(partner=self.customer_in)
        self.assertEqual(self._policy(order), self.policy_all)

    def test_archived_rule_is_ignored(self):
        self.customer_in.category_id = self.segment
        self.rule_key.active = False
        order = self._delivered_order(partner=self.customer_in)
        self.assertEqual(self._policy(order), self.policy_all)

    def test_archived_policy_is_ignored(self):
        """As the former policies: an archived policy gives way to the next
        one, whatever its rules."""
        self.customer_in.category_id = self.segment
        self.policy_key.active = False
        order = self._delivered_order(partner=self.customer_in)
        self.assertEqual(self._policy(order), self.policy_all)

    def test_no_rule_sends_no_survey(self):
        (self.rule_key | self.rule_all).active = False
        order = self._delivered_order()
        self.assertFalse(self._policy(order))
        self.assertFalse(order.oms_survey_input_ids)

    def test_dry_run_lists_the_deliveries(self):
        self.customer_in.category_id = self.segment
        order_key = self._delivered_order(partner=self.customer_in)
        order_other = self._delivered_order()
        wizard = self.env["oms.rule.dry.run"].create({"rule_id": self.rule_key.id})
        matched = wizard._get_matches()
        self.assertIn(order_key.picking_ids, matched)
        self.assertNotIn(order_other.picking_ids, matched)

    def test_survey_rule_elsewhere_or_without_policy_is_refused(self):
        Rule = self.env["oms.rule"]
        count = Rule.with_context(active_test=False).search_count([])
        base = {
            "name": "Wrong survey rule",
            "rule_type": "send_survey",
            "survey_policy_id": self.policy_all.id,
        }
        wrong = (
            {"applies_to": "sale.order", "event": "confirm"},
            {"applies_to": "stock.picking", "event": "confirm"},
            {"applies_to": "helpdesk.ticket", "event": "ticket_create"},
            {
                "applies_to": "stock.picking",
                "event": "delivery_done",
                "survey_policy_id": False,
            },
        )
        for vals in wrong:
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Rule.create({**base, **vals})
        with self.assertRaises(ValidationError):
            self.rule_all.survey_policy_id = False
        self.assertEqual(Rule.with_context(active_test=False).search_count([]), count)
        self.assertEqual(self.rule_all.survey_policy_id, self.policy_all)

    def test_manager_edits_the_rules_from_the_policy(self):
        """A rule added from the policy's "Applies to" tab is a survey rule
        of deliveries."""
        policy = self.policy_all.with_user(self.leader)
        policy.rule_ids = [
            Command.create({"name": "Rules: big orders", "sequence": 60})
        ]
        rule = policy.rule_ids.filtered(lambda r: r.name == "Rules: big orders")
        self.assertEqual(
            (rule.applies_to, rule.event, rule.rule_type),
            ("stock.picking", "delivery_done", "send_survey"),
        )


@tagged("post_install", "-at_install")
class TestRulesEngineRouting(OmsHelpdeskCommon):
    """Routing rules, on the rules engine before, still route as before and
    belong to the helpdesk area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.rule"].search([("rule_type", "=", "route")]).active = False
        cls.front_desk = cls.env["helpdesk.ticket.team"].create(
            {"name": "Rules front desk", "company_id": cls.company.id}
        )
        route = {
            "applies_to": "helpdesk.ticket",
            "event": "ticket_create",
            "rule_type": "route",
            "company_id": cls.company.id,
        }
        cls.rule_complaint = cls._create_rule(
            name="Rules: complaints",
            sequence=10,
            domain="[('category_id.oms_is_complaint', '=', True)]",
            ticket_team_id=cls.team.id,
            ticket_priority="3",
            **route,
        )
        cls.rule_default = cls._create_rule(
            name="Rules: everything else",
            sequence=20,
            domain="[]",
            ticket_team_id=cls.front_desk.id,
            ticket_user_id=cls.agent.id,
            **route,
        )

    def test_routing_rules_are_helpdesk_rules(self):
        self.assertEqual(
            set((self.rule_complaint | self.rule_default).mapped("area")),
            {"helpdesk"},
        )

    def test_first_rule_sets_each_value(self):
        ticket = self._create_ticket(category_id=self.category_complaint.id)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.priority, "3")
        # The later rule still sets what the first one leaves.
        self.assertEqual(ticket.user_id, self.agent)
        other = self._create_ticket(category_id=self.category_status.id)
        self.assertEqual(other.team_id, self.front_desk)

    def test_archived_or_other_company_rule_is_ignored(self):
        self.rule_complaint.active = False
        other = self.env["res.company"].create({"name": "Routing Rules Other Co"})
        self.rule_default.write({"company_id": other.id, "ticket_team_id": False})
        ticket = self._create_ticket(category_id=self.category_complaint.id)
        self.assertNotIn(ticket.team_id, self.team | self.front_desk)
        self.assertNotEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.priority, "1")

    def test_routing_rule_elsewhere_is_refused(self):
        for vals in (
            {"applies_to": "sale.order", "event": "confirm"},
            {"applies_to": "stock.picking", "event": "delivery_done"},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self._create_rule(
                    name="Rules: wrong route",
                    rule_type="route",
                    ticket_priority="2",
                    **vals,
                )
        self.assertFalse(
            self.env["oms.rule"].search([("name", "=", "Rules: wrong route")])
        )
