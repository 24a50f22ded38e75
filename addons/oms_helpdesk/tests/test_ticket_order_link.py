# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketOrderLink(OmsHelpdeskCommon):
    """A ticket's order is one of its customer's. Agents without sales
    rights read it (set when the ticket is opened or routed) and cannot
    change it, on the form or through RPC; users with sales rights may link
    another order of the same customer, never another customer's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order()
        cls.order_same_customer = cls._create_order()
        cls.order_other_customer = cls._create_order(partner=cls.customer_in)
        # hd_senior: a helpdesk user without sales rights; hd_agent is also
        # an OMS user (sales rights).
        cls.plain_agent = cls.senior

    def test_agent_sees_the_order_read_only(self):
        ticket = self._create_ticket(sale_order_id=self.order.id)
        self.assertFalse(
            self.env["sale.order"].with_user(self.plain_agent).has_access("read")
        )
        form = Form(ticket.with_user(self.plain_agent))
        self.assertTrue(form._get_modifier("sale_order_id", "readonly"))
        self.assertEqual(form.sale_order_id, self.order)
        # The agent still works the ticket.
        form.stage_id = self.stage_progress
        form.save()
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertEqual(ticket.sale_order_id, self.order)

    def test_sales_user_links_an_order_of_the_customer(self):
        ticket = self._create_ticket(sale_order_id=self.order.id)
        form = Form(ticket.with_user(self.agent))
        self.assertFalse(form._get_modifier("sale_order_id", "readonly"))
        form.sale_order_id = self.order_same_customer
        form.save()
        self.assertEqual(ticket.sale_order_id, self.order_same_customer)

    def test_order_choice_is_the_customers(self):
        ticket = self._create_ticket()
        arch = ticket.with_user(self.agent).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("child_of", arch)
        with self.assertRaises(ValidationError):
            ticket.with_user(self.agent).write(
                {"sale_order_id": self.order_other_customer.id}
            )
        self.assertFalse(ticket.sale_order_id)

    def test_rpc_attack_agent_relinks_order(self):
        """What the read-only field refuses, a JSON-RPC write refuses too,
        and nothing is written."""
        ticket = self._create_ticket(sale_order_id=self.order.id)
        Ticket = ticket.with_user(self.plain_agent)
        for value in (self.order_same_customer.id, self.order_other_customer.id, False):
            with self.subTest(value=value), self.assertRaises(AccessError):
                Ticket.write({"sale_order_id": value, "priority": "3"})
            self.assertEqual(ticket.sale_order_id, self.order)
            self.assertNotEqual(ticket.priority, "3")
        # Unchanged, the order may come with other values (a form save).
        Ticket.write({"sale_order_id": self.order.id, "priority": "2"})
        self.assertEqual(ticket.priority, "2")
        with self.assertRaises(ValidationError):
            self.env["helpdesk.ticket"].with_user(self.plain_agent).create(
                {
                    "name": "Another customer's order",
                    "description": "<p>x</p>",
                    "company_id": self.company.id,
                    "partner_id": self.customer_de.id,
                    "sale_order_id": self.order_other_customer.id,
                }
            )
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("name", "=", "Another customer's order")]
            )
        )

    def test_agent_opens_a_ticket_on_the_customers_order(self):
        # Opened from the order (or routed): the first link is the
        # customer's order, allowed to the agent.
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.plain_agent)
            .create(
                {
                    "name": "Damaged valve",
                    "description": "<p>x</p>",
                    "company_id": self.company.id,
                    "partner_id": self.customer_de.id,
                    "team_id": self.team.id,
                    "sale_order_id": self.order.id,
                }
            )
        )
        self.assertEqual(ticket.sale_order_id, self.order)
