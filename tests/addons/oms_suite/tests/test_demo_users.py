# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged

# login: (xml id, groups the role has, groups it must not have)
DEMO_ROLES = {
    "oms_accountant": (
        "oms_finance.res_users_accountant_demo",
        ["account.group_account_invoice", "account.group_account_user"],
        ["sales_team.group_sale_salesman", "oms_core.group_oms_user"],
    ),
    "oms_logistics": (
        "oms_export_logistics.res_users_logistics_demo",
        ["oms_core.group_oms_user", "stock.group_stock_user"],
        ["oms_core.group_oms_manager", "account.group_account_manager"],
    ),
    "oms_agent": (
        "oms_helpdesk.res_users_helpdesk_agent_demo",
        ["helpdesk_mgmt.group_helpdesk_user"],
        ["sales_team.group_sale_salesman", "helpdesk_mgmt.group_helpdesk_manager"],
    ),
}


@tagged("post_install", "-at_install")
class TestDemoUsers(TransactionCase):
    """The demo has a user per role the README names, on the exporter, with
    login = password, the role's rights and no more; the role tours' own
    users do not clash with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref(
            "oms_core.res_company_sahyadri_demo", raise_if_not_found=False
        )
        if not cls.company:
            raise SkipTest("The demo users come with the demo data.")

    def test_role_users(self):
        for login, (xmlid, groups, not_groups) in DEMO_ROLES.items():
            with self.subTest(login=login):
                user = self.env.ref(xmlid)
                self.assertEqual(user.login, login)
                self.assertEqual(user.company_id, self.company)
                self.assertEqual(user.company_ids, self.company)
                self.assertIn("(", user.name, "The name says the role.")
                for group in groups:
                    self.assertTrue(user.has_group(group), group)
                for group in not_groups:
                    self.assertFalse(user.has_group(group), group)
                # login = password, as the README's quick start says.
                self.env["res.users"].with_user(user)._check_credentials(
                    {"type": "password", "password": login}, {"interactive": False}
                )

    def test_agent_is_on_the_export_service_team(self):
        team = self.env.ref("oms_helpdesk.helpdesk_ticket_team_export_demo")
        agent = self.env.ref("oms_helpdesk.res_users_helpdesk_agent_demo")
        self.assertIn(agent, team.user_ids)
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(agent)
            .search([("team_id", "=", team.id)])
        )
        self.assertTrue(tickets, "The agent sees the team's demo tickets.")

    def test_roles_reach_their_screens(self):
        accountant = self.env.ref("oms_finance.res_users_accountant_demo")
        self.assertTrue(
            self.env["oms.cash.application"].with_user(accountant).has_access("read")
        )
        coordinator = self.env.ref("oms_export_logistics.res_users_logistics_demo")
        shipments = (
            self.env["oms.export.shipment"]
            .with_user(coordinator)
            .search([("company_id", "=", self.company.id)])
        )
        self.assertTrue(shipments, "The coordinator sees the exporter's shipments.")

    def test_tour_users_do_not_clash(self):
        logins = {"oms_tour_accountant", "oms_tour_agent"}
        self.assertFalse(logins & set(DEMO_ROLES))
