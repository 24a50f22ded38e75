# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.oms_helpdesk.tests.common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestTicketShipment(OmsHelpdeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order()
        cls.order.action_confirm()
        cls.shipment = cls.env["oms.export.shipment"].create(
            {
                "partner_id": cls.customer_de.id,
                "company_id": cls.company.id,
                "bl_number": "MAEU912345678",
                "sale_order_ids": [Command.set(cls.order.ids)],
                "container_ids": [Command.create({"name": "MSKU1234565"})],
            }
        )

    def _receive(self, subject, body):
        return self.env["helpdesk.ticket"].message_new(
            {
                "subject": subject,
                "body": body,
                "author_id": self.customer_de.id,
                "email_from": self.customer_de.email,
            },
            {"company_id": self.company.id},
        )

    def test_bill_of_lading_number_links_shipment_and_order(self):
        ticket = self._receive("Demurrage on B/L MAEU912345678", "<p>Why?</p>")
        self.assertEqual(ticket.export_shipment_id, self.shipment)
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(self.shipment.ticket_count, 1)
        action = self.shipment.action_view_tickets()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)

    def test_container_number_links_shipment(self):
        ticket = self._receive("Container held", "<p>Box MSKU1234565 is held.</p>")
        self.assertEqual(ticket.export_shipment_id, self.shipment)
        self.assertEqual(
            ticket.action_open_export_shipment()["res_id"], self.shipment.id
        )

    def test_unknown_numbers_link_nothing(self):
        ticket = self._receive("Container held", "<p>Box ZZZU0000000 is held.</p>")
        self.assertFalse(ticket.export_shipment_id)
