# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
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

    def _receive(self, subject, body, author=None):
        author = author or self.customer_de
        return self.env["helpdesk.ticket"].message_new(
            {
                "subject": subject,
                "body": body,
                "author_id": author.id,
                "email_from": author.email,
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

    def test_shipment_finds_itself_by_reference(self):
        Shipment = self.env["oms.export.shipment"]
        for reference in ("MAEU912345678", "MSKU1234565", self.shipment.name):
            self.assertEqual(
                Shipment._oms_find_by_reference([reference], self.company),
                self.shipment,
            )
        self.assertFalse(Shipment._oms_find_by_reference(["ZZZU0000000"], self.company))

    def test_unknown_numbers_link_nothing(self):
        ticket = self._receive("Container held", "<p>Box ZZZU0000000 is held.</p>")
        self.assertFalse(ticket.export_shipment_id)

    def test_another_customer_shipment_is_noted_not_linked(self):
        ticket = self._receive(
            "Container held", "<p>Box MSKU1234565 is held.</p>", self.customer_in
        )
        self.assertFalse(ticket.export_shipment_id)
        self.assertFalse(ticket.sale_order_id)
        self.assertTrue(
            ticket.message_ids.filtered(
                lambda m: (
                    self.shipment.display_name in (m.body or "")
                    and m.subtype_id == self.env.ref("mail.mt_note")
                )
            )
        )

    def test_ticket_cannot_link_another_company_shipment(self):
        other = self.env["res.company"].create({"name": "Export Other Co"})
        shipment = self.env["oms.export.shipment"].create(
            {"partner_id": self.customer_de.id, "company_id": other.id}
        )
        ticket = self._create_ticket()
        with self.assertRaises(ValidationError):
            ticket.export_shipment_id = shipment
        self.assertFalse(ticket.export_shipment_id)
