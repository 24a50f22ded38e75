# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A browser tour per role on the demo story: each person logs in, walks
their daily path and checks what they see (tours in
``static/tests/tours/oms_role_*_tour.js``).

The OMS user and manager are the demo users ``oms_user`` and ``oms_manager``
(the demo's export coordinator, Rohan Kulkarni, is its OMS user, who also
works the export shipments). The demo has no accountant nor helpdesk-only
agent: they are created here with exactly the groups of the role matrix
(docs/SECURITY.md), in the demo company."""

from unittest import SkipTest

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.held_order = cls.env.ref(
            "oms_core.sale_order_hold_credit_demo", raise_if_not_found=False
        )
        if not cls.held_order:
            raise SkipTest("The role tours walk the demo data.")
        cls.company = cls.env.ref("oms_core.res_company_sahyadri_demo")
        cls.oms_user = cls.env.ref("oms_core.res_users_oms_user_demo")
        cls.oms_manager = cls.env.ref("oms_core.res_users_oms_manager_demo")
        cls.accountant = cls._create_role_user(
            "oms_tour_accountant", "account.group_account_invoice"
        )
        cls.agent = cls._create_role_user(
            "oms_tour_agent", "helpdesk_mgmt.group_helpdesk_user"
        )
        cls.env.ref("oms_helpdesk.helpdesk_ticket_team_export_demo").user_ids = [
            Command.link(cls.agent.id)
        ]

    @classmethod
    def _create_role_user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=f"base.group_user,{groups}",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            tz="Asia/Kolkata",
        )

    def _start_tour(self, tour, login):
        # The machine running the tests may be loaded: a tour of a day's
        # path takes longer than the default minute.
        self.start_tour("/odoo", tour, login=login, timeout=300)

    def _active_credit_hold(self):
        hold = self.held_order.oms_hold_ids.filtered(lambda h: h.state == "active")
        self.assertEqual(len(hold), 1, "the demo tells one credit hold")
        return hold

    def test_order_desk_tour(self):
        """The OMS user finds the held order and reads the hold and its
        reason; releasing a credit hold is the manager's, so nothing changes."""
        hold = self._active_credit_hold()
        self._start_tour("oms_role_order_desk_tour", "oms_user")
        self.assertEqual(hold.state, "active")
        self.assertEqual(self.held_order.oms_stage, "on_hold")

    def test_oms_manager_tour(self):
        """The OMS manager reviews rules, fallouts and holds, releases the
        credit hold with a comment and opens the KPI dashboard."""
        hold = self._active_credit_hold()
        self._start_tour("oms_role_manager_tour", "oms_manager")
        self.assertEqual(hold.state, "released")
        self.assertEqual(hold.released_by_id, self.oms_manager)
        self.assertIn("advance payment", hold.release_comment)
        self.assertFalse(self.held_order.oms_on_hold)

    def test_accountant_tour(self):
        """The accountant reviews cash application, deductions, a statement
        of account and the AR tie-out, and changes nothing."""
        applications = self.env["oms.cash.application"].search(
            [("company_id", "=", self.company.id)]
        )
        states = applications.mapped("state")
        self._start_tour("oms_role_accountant_tour", "oms_tour_accountant")
        self.assertEqual(applications.mapped("state"), states)

    def test_logistics_tour(self):
        """The export coordinator walks the CIF/LC shipment and its containers."""
        shipment = self.env.ref("oms_export_logistics.oms_export_shipment_hamburg_demo")
        self._start_tour("oms_role_logistics_tour", "oms_user")
        # A walk through the tabs saves nothing.
        self.assertEqual(shipment.state, "in_transit")
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"verified"})

    def test_helpdesk_agent_tour(self):
        """A helpdesk agent without sales rights works an order-linked ticket."""
        ticket = self.env.ref("oms_helpdesk.helpdesk_ticket_damaged_demo")
        stage, order = ticket.stage_id, ticket.sale_order_id
        self._start_tour("oms_role_helpdesk_tour", "oms_tour_agent")
        self.assertEqual((ticket.stage_id, ticket.sale_order_id), (stage, order))
        self.assertEqual(ticket.oms_sla_status, "open")
