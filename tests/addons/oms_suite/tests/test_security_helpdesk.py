# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpdesk trust boundaries, tried as the users who would cross them: a
helpdesk agent with no sales or OMS rights, a helpdesk manager, a salesman,
a stock user, portal customers and inbound email. Rights a job needs work;
everything else is refused and leaves nothing changed."""

import io

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.oms_helpdesk.tests.common import OmsHelpdeskCommon


class OmsHelpdeskSecurityCommon(OmsHelpdeskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # helpdesk_mgmt's user group only: no Sales, Inventory or OMS right.
        cls.plain_agent = new_test_user(
            cls.env,
            login="hd_plain_agent",
            email="plain.agent@example.com",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.team.user_ids = [Command.link(cls.plain_agent.id)]
        cls.other_company = cls.env["res.company"].create({"name": "HD Other Co"})
        cls.order = cls._create_order()
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids
        cls.order_in = cls._create_order(partner=cls.customer_in)
        cls.order_other = cls._create_order(
            company_id=cls.other_company.id,
            partner_id=cls.customer_de.id,
        )


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskAgent(OmsHelpdeskSecurityCommon):
    """A helpdesk agent does the helpdesk job without sales or OMS rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_b = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Second line",
                "company_id": cls.company.id,
                "use_sla": True,
                "resource_calendar_id": cls.calendar.id,
                "user_ids": [Command.set(cls.plain_agent.ids)],
            }
        )
        cls.sla_b = cls.env["helpdesk.sla"].create(
            {
                "name": "Second line: resolve in 8 business hours",
                "team_ids": [Command.set(cls.team_b.ids)],
                "stage_id": cls.stage_done.id,
                "hours": 8,
                "days": 0,
            }
        )

    def test_agent_creates_ticket_on_a_delivery_routed_by_rules(self):
        self._create_rule(
            name="German orders to the second line",
            company_id=self.company.id,
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            domain="[('sale_order_id.partner_id.country_id.code', '=', 'DE')]",
            ticket_team_id=self.team_b.id,
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.plain_agent)
            .create(
                {
                    "name": "Damaged goods",
                    "description": "<p>Broken</p>",
                    "picking_id": self.picking.id,
                }
            )
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertEqual(ticket.partner_id, self.customer_de)
        self.assertEqual(ticket.team_id, self.team_b)
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla_b)
        # The agent reads every field of the ticket they created.
        ticket.read(list(ticket.fields_get()))

    def test_agent_routes_ticket_between_two_sla_teams(self):
        self._create_rule(
            name="Everything to the second line",
            company_id=self.company.id,
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            domain="[]",
            ticket_team_id=self.team_b.id,
        )
        Ticket = self.env["helpdesk.ticket"].with_user(self.plain_agent)
        # Created in the first team (SLA lines), routed to the second.
        ticket = Ticket.create(
            {"name": "Late", "description": "<p>x</p>", "team_id": self.team.id}
        )
        self.assertEqual(ticket.team_id, self.team_b)
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla_b)
        # And back by hand: the SLA follows when the agent refreshes it.
        ticket.team_id = self.team
        self.assertFalse(ticket.sla_fits)
        ticket.refresh_sla()
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla)

    def test_agent_sends_the_satisfaction_survey(self):
        self._create_survey_policy(name="Everyone", delay_days=3)
        self._deliver(self.order)
        ticket = self._create_ticket(sale_order_id=self.order.id)
        ticket.with_user(self.plain_agent).action_oms_send_survey()
        user_input = self.picking.oms_survey_input_ids
        self.assertEqual(len(user_input), 1)
        self.assertEqual(user_input.oms_ticket_id, ticket)
        self.assertEqual(user_input.partner_id, self.customer_de)

    def test_agent_prints_the_service_kpis(self):
        ticket = self._create_ticket(sale_order_id=self.order.id)
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.plain_agent)
            ._render_xlsx("oms_helpdesk.helpdesk_ticket_kpi_xlsx", ticket.ids, {})
        )
        self.assertEqual(report_type, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content))["KPIs"]
        values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
        self.assertEqual(values["Tickets"], 1)

    def test_agent_cannot_send_survey_from_a_ticket_they_cannot_edit(self):
        portal_only = new_test_user(
            self.env, login="hd_sec_portal_survey", groups="base.group_portal"
        )
        self._create_survey_policy(name="Everyone", delay_days=3)
        self._deliver(self.order)
        ticket = self._create_ticket(sale_order_id=self.order.id)
        with self.assertRaises(AccessError):
            ticket.with_user(portal_only).action_oms_send_survey()
        self.assertFalse(self.picking.oms_survey_input_ids)


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskReadDocuments(OmsHelpdeskSecurityCommon):
    """Salesmen and stock users read every field of their documents, whatever
    the helpdesk and survey fields the OMS added."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(
            cls.env, login="hd_sec_stock_user", groups="stock.group_stock_user"
        )
        cls.billing_user = new_test_user(
            cls.env, login="hd_sec_billing", groups="account.group_account_invoice"
        )

    def _read_all(self, record, user):
        record = record.with_user(user)
        return record.read(list(record.fields_get()))

    def test_salesman_reads_every_field_of_an_order(self):
        self.order.user_id = self.salesman
        self.assertTrue(self._read_all(self.order, self.salesman))

    def test_stock_user_reads_every_field_of_a_delivery(self):
        self.assertTrue(self._read_all(self.picking, self.stock_user))

    def test_billing_user_reads_every_field_of_an_invoice(self):
        self._deliver(self.order)
        invoice = self.order._create_invoices()
        self.assertTrue(self._read_all(invoice, self.billing_user))


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskCompanies(OmsHelpdeskSecurityCommon):
    """Tickets, their links and routing stay inside a company."""

    def test_ticket_cannot_move_to_a_company_the_user_cannot_access(self):
        ticket = self._create_ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.plain_agent).write(
                {"company_id": self.other_company.id}
            )
        self.assertEqual(ticket.company_id, self.company)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.plain_agent).create(
                {
                    "name": "Elsewhere",
                    "description": "<p>x</p>",
                    "company_id": self.other_company.id,
                }
            )
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("name", "=", "Elsewhere")])
        )

    def test_ticket_cannot_link_another_company_order(self):
        self.leader.company_ids = [Command.link(self.other_company.id)]
        ticket = self._create_ticket()
        with self.assertRaises(ValidationError):
            ticket.with_user(self.leader).write({"sale_order_id": self.order_other.id})
        self.assertFalse(ticket.sale_order_id)

    def test_routing_rule_cannot_point_to_another_company_team(self):
        other_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Other company desk", "company_id": self.other_company.id}
        )
        self.oms_manager.company_ids = [Command.link(self.other_company.id)]
        Rule = self.env["oms.rule"].with_user(self.oms_manager)
        vals = {
            "name": "Route across",
            "applies_to": "helpdesk.ticket",
            "event": "ticket_create",
            "rule_type": "route",
            "domain": "[]",
            "ticket_team_id": other_team.id,
        }
        for company in (self.company, self.env["res.company"]):
            with self.assertRaises(ValidationError):
                Rule.create({**vals, "company_id": company.id})
        self.assertFalse(self.env["oms.rule"].search([("name", "=", "Route across")]))
        rule = self._create_rule(
            **{**vals, "company_id": self.company.id, "ticket_team_id": self.team.id}
        )
        with self.assertRaises(ValidationError):
            rule.with_user(self.oms_manager).ticket_team_id = other_team
        self.assertEqual(rule.ticket_team_id, self.team)


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskHistory(OmsHelpdeskSecurityCommon):
    def test_manager_cannot_delete_a_ticket_with_history(self):
        ticket = self._create_ticket(sale_order_id=self.order.id)
        ticket.message_post(body="We are on it.", message_type="comment")
        # Refused by the ACL (helpdesk_ticket_access.xml)...
        with self.assertRaises(AccessError):
            ticket.with_user(self.leader).unlink()
        self.assertTrue(ticket.exists())
        # ... and, for any group given unlink later, by the ondelete guard.
        with self.assertRaises(UserError):
            ticket.with_user(self.leader)._unlink_except_history()
        # Archiving is the way.
        ticket.with_user(self.leader).active = False
        self.assertFalse(ticket.active)


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskInboundEmail(OmsHelpdeskSecurityCommon):
    """An email links only its sender's documents."""

    def _receive(self, subject, author):
        return self.env["helpdesk.ticket"].message_new(
            {
                "subject": subject,
                "body": "<p>Please check.</p>",
                "author_id": author.id,
                "email_from": author.email,
            },
            {"company_id": self.company.id},
        )

    def _notes(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_note")
        )

    def test_email_naming_another_customer_order_links_nothing(self):
        ticket = self._receive(f"Status of {self.order_in.name}", self.customer_de)
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.picking_id)
        self.assertEqual(ticket.partner_id, self.customer_de)
        # Noted for an agent to confirm, internally.
        notes = self._notes(ticket).filtered(
            lambda m: self.order_in.name in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertTrue(notes.subtype_id.internal)
        self.assertFalse(
            self.order_in.message_ids.filtered(
                lambda m: ticket.display_name in (m.body or "")
            )
        )

    def test_email_links_own_order_and_notes_the_other(self):
        ticket = self._receive(
            f"{self.order.name} and {self.order_in.name}", self.customer_de
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        self.assertTrue(
            self._notes(ticket).filtered(lambda m: self.order_in.name in (m.body or ""))
        )

    def test_unknown_sender_links_nothing(self):
        ticket = self.env["helpdesk.ticket"].message_new(
            {
                "subject": f"About {self.order.name}",
                "body": "<p>x</p>",
                "email_from": "stranger@example.com",
            },
            {"company_id": self.company.id},
        )
        self.assertFalse(ticket.sale_order_id)

    def test_reply_from_another_customer_links_nothing(self):
        ticket = self._receive("Hello", self.customer_in)
        ticket.message_update(
            {
                "subject": "Re: Hello",
                "body": f"<p>It is {self.order.name}.</p>",
                "author_id": self.customer_in.id,
            }
        )
        self.assertFalse(ticket.sale_order_id)


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskXlsx(OmsHelpdeskSecurityCommon):
    def test_ticket_title_is_exported_as_text(self):
        titles = ['=HYPERLINK("http://x","y")', "=1+1", "http://evil.example.com"]
        tickets = self.env["helpdesk.ticket"]
        for title in titles:
            tickets |= self._create_ticket(name=title)
        content, _report_type = self.env["ir.actions.report"]._render_xlsx(
            "oms_helpdesk.helpdesk_ticket_kpi_xlsx", tickets.ids, {}
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Tickets"]
        cells = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
        for title in titles:
            self.assertEqual(cells[title].data_type, "s")
            self.assertIsNone(cells[title].hyperlink)


@tagged("post_install", "-at_install")
class TestSecurityHelpdeskPortal(OmsHelpdeskSecurityCommon, HttpCase):
    """Portal customers act on their own tickets and see their own documents
    only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_de = new_test_user(
            cls.env,
            login="hd_sec_portal_de",
            groups="base.group_portal",
            partner_id=cls.customer_de.id,
        )
        cls.portal_in = new_test_user(
            cls.env,
            login="hd_sec_portal_in",
            groups="base.group_portal",
            partner_id=cls.customer_in.id,
        )
        cls.stage_done.close_from_portal = True
        cls.ticket_de = cls._create_ticket(partner_id=cls.customer_de.id)
        cls.ticket_in = cls._create_ticket(partner_id=cls.customer_in.id)

    def _close(self, ticket):
        return self.url_open(
            f"/ticket/close?ticket_id={ticket.id}&stage_id={self.stage_done.id}",
            allow_redirects=False,
        )

    def test_portal_user_cannot_close_another_customer_ticket(self):
        self.authenticate("hd_sec_portal_in", "hd_sec_portal_in")
        response = self._close(self.ticket_de)
        self.assertEqual(response.status_code, 404)
        self.ticket_de.invalidate_recordset()
        self.assertEqual(self.ticket_de.stage_id, self.stage_new)
        self.assertFalse(self.ticket_de.closed)

    def test_portal_user_closes_own_ticket(self):
        self.authenticate("hd_sec_portal_de", "hd_sec_portal_de")
        response = self._close(self.ticket_de)
        self.assertIn(response.status_code, (301, 302, 303))
        self.ticket_de.invalidate_recordset()
        self.assertEqual(self.ticket_de.stage_id, self.stage_done)

    def test_portal_page_never_shows_another_customer_document(self):
        # An agent linked the German customer's ticket to an Indian order.
        self.ticket_de.sale_order_id = self.order_in
        self.order_in._portal_ensure_token()
        self.authenticate("hd_sec_portal_de", "hd_sec_portal_de")
        response = self.url_open(f"/my/ticket/{self.ticket_de.id}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.order_in.name, response.text)
        self.assertNotIn(f"/my/orders/{self.order_in.id}", response.text)
        self.assertNotIn(self.order_in.access_token, response.text)
