# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestPortalAccess(OmsHelpdeskCommon, HttpCase):
    """Customers see their own tickets (and orders) on the portal only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_de = new_test_user(
            cls.env,
            login="hd_portal_de",
            groups="base.group_portal",
            partner_id=cls.customer_de.id,
        )
        cls.portal_in = new_test_user(
            cls.env,
            login="hd_portal_in",
            groups="base.group_portal",
            partner_id=cls.customer_in.id,
        )
        cls.order_de = cls._create_order(partner=cls.customer_de)
        cls.ticket_de = cls._create_ticket(
            partner_id=cls.customer_de.id, sale_order_id=cls.order_de.id
        )
        cls.ticket_in = cls._create_ticket(partner_id=cls.customer_in.id)

    def test_portal_user_sees_only_own_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        self.assertEqual(Ticket.with_user(self.portal_de).search([]), self.ticket_de)
        self.assertEqual(Ticket.with_user(self.portal_in).search([]), self.ticket_in)
        with self.assertRaises(AccessError):
            self.ticket_in.with_user(self.portal_de).read(["name"])

    def test_portal_ticket_page_lists_own_tickets(self):
        self.authenticate("hd_portal_de", "hd_portal_de")
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_de.number, response.text)
        self.assertNotIn(self.ticket_in.number, response.text)

    def test_portal_user_reads_own_ticket_order_link(self):
        ticket = self.ticket_de.with_user(self.portal_de)
        self.assertEqual(ticket.sale_order_id.id, self.order_de.id)

    def test_portal_ticket_page_links_the_order(self):
        self.authenticate("hd_portal_de", "hd_portal_de")
        response = self.url_open(f"/my/ticket/{self.ticket_de.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_de.name, response.text)
        self.assertIn(f"/my/orders/{self.order_de.id}", response.text)
