# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestUiTour(OmsHelpdeskCommon, HttpCase):
    """A complaint about a late order, from email to remedy and survey."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
            }
        )
        cls._create_survey_policy(name="Tour policy", delay_days=3)
        cls.order = cls._create_order(lines=[(cls.product, 4)])
        cls.order.action_confirm()
        pickings = cls.order.picking_ids
        pickings.move_ids.quantity = 4
        pickings.with_context(skip_backorder=True).button_validate()
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()
        cls.ticket = cls.env["helpdesk.ticket"].message_new(
            {
                "subject": "Late delivery of our valves",
                "body": f"<p>Our order {cls.order.name} arrived two weeks late.</p>",
                "author_id": cls.customer_de.id,
                "email_from": cls.customer_de.email,
            },
            {"company_id": cls.company.id, "team_id": cls.team.id},
        )

    def test_complaint_tour(self):
        self.assertEqual(self.ticket.sale_order_id, self.order)
        self.start_tour(
            "/odoo/helpdesk-tickets", "oms_helpdesk_complaint_tour", login="admin"
        )
        remedy = self.ticket.oms_remedy_ids
        self.assertEqual(remedy.remedy_type, "credit_note")
        credit_note = self.env["account.move"].browse(remedy.res_id)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(self.order.oms_survey_input_ids.oms_picking_id.state, "done")
        self.assertEqual(len(self.order.oms_survey_input_ids), 1)
        self.assertEqual(self.order.oms_survey_input_ids.oms_ticket_id, self.ticket)
