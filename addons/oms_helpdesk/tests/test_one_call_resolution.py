# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestOneCallResolution(OmsHelpdeskCommon):
    def _customer_writes(self, ticket, text):
        ticket.message_post(
            body=text,
            author_id=self.customer_de.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )

    def _count(self, tickets):
        return self.env["helpdesk.ticket"].search_count(
            [("id", "in", tickets.ids), ("oms_one_call_resolution", "=", True)]
        )

    def test_resolved_at_first_contact_is_counted(self):
        ticket = self._create_ticket(team_id=self.team.id)
        self._customer_writes(ticket, "Where is my order?")
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.oms_one_call_resolution)
        self.assertEqual(ticket.oms_one_call_rate, 100.0)
        self.assertEqual(self._count(ticket), 1)

    def test_reopen_loses_it_for_good(self):
        ticket = self._create_ticket(team_id=self.team.id)
        ticket.stage_id = self.stage_done
        self.assertTrue(ticket.oms_one_call_resolution)
        ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.oms_one_call_resolution)
        self.assertEqual(ticket.oms_reopen_count, 1)
        ticket.stage_id = self.stage_done
        self.assertFalse(ticket.oms_one_call_resolution)
        self.assertEqual(self._count(ticket), 0)

    def test_second_customer_contact_is_not_one_call(self):
        ticket = self._create_ticket(team_id=self.team.id)
        self._customer_writes(ticket, "Where is my order?")
        self._customer_writes(ticket, "Still waiting...")
        ticket.stage_id = self.stage_done
        self.assertFalse(ticket.oms_one_call_resolution)

    def test_rate_over_tickets(self):
        one = self._create_ticket(team_id=self.team.id)
        two = self._create_ticket(team_id=self.team.id)
        (one | two).stage_id = self.stage_done
        two.stage_id = self.stage_progress
        two.stage_id = self.stage_done
        groups = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", (one | two).ids)], [], ["oms_one_call_rate:avg"]
        )
        self.assertEqual(groups[0][0], 50.0)
