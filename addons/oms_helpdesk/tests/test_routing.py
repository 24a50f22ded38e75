# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestRouting(OmsHelpdeskCommon):
    """Routing rules on the OMS rules engine set team, assignee, priority."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Front desk", "company_id": cls.company.id}
        )
        cls.complaint_rule = cls._create_rule(
            name="Complaints to the service team",
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            sequence=10,
            domain="[('category_id.oms_is_complaint', '=', True)]",
            company_id=cls.company.id,
            ticket_team_id=cls.team.id,
            ticket_priority="3",
        )
        cls.default_rule = cls._create_rule(
            name="Everything else to the front desk, agent assigned",
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            sequence=20,
            domain="[]",
            company_id=cls.company.id,
            ticket_team_id=cls.other_team.id,
            ticket_user_id=cls.agent.id,
        )

    def test_complaint_routed_to_team_with_priority(self):
        ticket = self._create_ticket(category_id=self.category_complaint.id)
        # The first rule wins for the team; the second still assigns.
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(ticket.user_id, self.agent)
        # The SLA follows the routed team.
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla)

    def test_other_ticket_gets_default_route(self):
        ticket = self._create_ticket(category_id=self.category_status.id)
        self.assertEqual(ticket.team_id, self.other_team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.priority, "1")
        self.assertFalse(ticket.ticket_sla_ids)

    def test_rule_of_other_company_is_ignored(self):
        other = self.env["res.company"].create({"name": "Routing Other Co"})
        other_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Other desk", "company_id": other.id}
        )
        self.default_rule.active = False
        self.complaint_rule.write(
            {"company_id": other.id, "ticket_team_id": other_team.id}
        )
        ticket = self._create_ticket(category_id=self.category_complaint.id)
        self.assertNotEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.priority, "1")

    def test_routing_rule_needs_an_action(self):
        with self.assertRaises(ValidationError):
            self._create_rule(
                name="Empty route",
                applies_to="helpdesk.ticket",
                event="ticket_create",
                rule_type="route",
            )
