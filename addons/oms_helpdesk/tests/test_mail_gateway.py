# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestMailGateway(OmsHelpdeskCommon):
    """Incoming emails become tickets linked to the documents they name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order(client_order_ref="HMB-PO-7781")
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids

    def _receive(self, subject, body, author=None):
        return self.env["helpdesk.ticket"].message_new(
            {
                "subject": subject,
                "body": body,
                "author_id": (author or self.customer_de).id,
                "email_from": "buyer@hamburg-maschinenbau.example.com",
            },
            {"company_id": self.company.id},
        )

    def test_order_number_in_subject_links_order_and_customer(self):
        ticket = self._receive(f"Late delivery of {self.order.name}", "<p>Hi</p>")
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.partner_id, self.customer_de)
        self.assertIn(ticket, self.order.ticket_ids)
        self.assertEqual(self.order.ticket_count, 1)
        # The order's chatter keeps the record of the correspondence.
        notes = self.order.message_ids.filtered(
            lambda m: ticket.display_name in (m.body or "")
        )
        self.assertEqual(len(notes), 1)

    def test_customer_po_in_body_links_order(self):
        ticket = self._receive(
            "Question", "<p>About our purchase order HMB-PO-7781, thanks.</p>"
        )
        self.assertEqual(ticket.sale_order_id, self.order)

    def test_delivery_number_links_delivery_and_order(self):
        ticket = self._receive(
            "Damaged goods", f"<p>Delivery {self.picking.name} arrived broken.</p>"
        )
        self.assertEqual(ticket.picking_id, self.picking)
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(self.picking.ticket_count, 1)

    def test_invoice_number_links_invoice_and_order(self):
        self._deliver(self.order)
        invoice = self.order._create_invoices()
        invoice.action_post()
        ticket = self._receive(
            f"Dispute on invoice {invoice.name}", "<p>The price is wrong.</p>"
        )
        self.assertEqual(ticket.invoice_id, invoice)
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(invoice.ticket_count, 1)

    def test_no_reference_links_nothing(self):
        ticket = self._receive("Hello", "<p>Just saying hi, no numbers.</p>")
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.picking_id)
        self.assertFalse(ticket.invoice_id)

    def test_other_company_order_is_not_linked(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        ticket = self._receive(f"About {self.order.name}", "<p>x</p>")
        ticket.write({"company_id": other.id, "sale_order_id": False})
        ticket._oms_link_references(self.order.name, self.customer_de)
        self.assertFalse(ticket.sale_order_id)

    def test_email_ticket_routed_on_its_order(self):
        self._create_rule(
            name="Tickets on orders to the service team",
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            domain="[('sale_order_id', '!=', False)]",
            company_id=self.company.id,
            ticket_team_id=self.team.id,
            ticket_user_id=self.agent.id,
        )
        ticket = self._receive(f"Status of {self.order.name}?", "<p>Hi</p>")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla)

    def test_reply_naming_an_order_links_it(self):
        ticket = self._receive("Hello", "<p>No numbers yet.</p>")
        ticket.message_update(
            {
                "subject": "Re: Hello",
                "body": f"<p>It is {self.order.name}.</p>",
                "author_id": self.customer_de.id,
            }
        )
        self.assertEqual(ticket.sale_order_id, self.order)

    def test_documents_find_themselves_by_reference(self):
        """Each linkable document type finds itself by the numbers an email
        names, in the ticket's company only; the ticket loops over them."""
        other = self.env["res.company"].create({"name": "Reference Other Co"})
        refs = [self.order.name, self.picking.name, "NOT-A-DOC-1"]
        self.assertEqual(
            self.env["sale.order"]._oms_find_by_reference(refs, self.company),
            self.order,
        )
        self.assertEqual(
            self.env["sale.order"]._oms_find_by_reference(
                ["HMB-PO-7781"], self.company
            ),
            self.order,
        )
        self.assertEqual(
            self.env["stock.picking"]._oms_find_by_reference(refs, self.company),
            self.picking,
        )
        self.assertFalse(self.env["sale.order"]._oms_find_by_reference(refs, other))
        self.assertFalse(
            self.env["account.move"]._oms_find_by_reference(refs, self.company)
        )
        found = self.env["helpdesk.ticket"]._oms_search_references(refs, self.company)
        self.assertEqual(
            set(found), set(self.env["helpdesk.ticket"]._oms_document_fields())
        )
        self.assertEqual(found["sale_order_id"], self.order)
        self.assertEqual(found["picking_id"], self.picking)
        self.assertFalse(found["invoice_id"])
