# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestJeopardyTicket(OmsHelpdeskCommon):
    """An order reaching critical jeopardy gets a proactive ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for level, days in (("low", 1), ("critical", 14)):
            cls._create_rule(
                name=f"Jeopardy {level}",
                applies_to="sale.order.line",
                event="jeopardy_scan",
                rule_type="jeopardy",
                jeopardy_level=level,
                domain=f"[('oms_delay_days', '>=', {days})]",
            )
        cls.route = cls._create_rule(
            name="Proactive tickets to the service team",
            applies_to="helpdesk.ticket",
            event="ticket_create",
            rule_type="route",
            domain="[('oms_proactive', '=', True)]",
            company_id=cls.company.id,
            ticket_team_id=cls.team.id,
            ticket_user_id=cls.agent.id,
        )

    def _late_order(self, days):
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 2)])
        order.action_confirm()
        order.picking_ids.scheduled_date = fields.Datetime.now() + timedelta(days=days)
        return order

    def _scan(self, orders):
        # The tickets are opened by a queued job: run it inline.
        lines = orders.order_line.with_context(queue_job__no_delay=True)
        lines._oms_jeopardy_scan(lines=lines)

    def _proactive(self, order):
        return self.env["helpdesk.ticket"].search(
            [("sale_order_id", "=", order.id), ("oms_proactive", "=", True)]
        )

    def test_critical_order_opens_one_proactive_ticket(self):
        order = self._late_order(20)
        self._scan(order)
        self.assertEqual(order.oms_jeopardy_level, "critical")
        ticket = self._proactive(order)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer_in)
        self.assertEqual(ticket.priority, "3")
        self.assertEqual(
            ticket.category_id,
            self.env.ref("oms_helpdesk.helpdesk_ticket_category_delivery_delay"),
        )
        # Routed like any ticket.
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        # A second scan does not open another one.
        self._scan(order)
        self.assertEqual(len(self._proactive(order)), 1)

    def test_low_jeopardy_opens_no_ticket(self):
        order = self._late_order(3)
        self._scan(order)
        self.assertEqual(order.oms_jeopardy_level, "low")
        self.assertFalse(self._proactive(order))

    def test_new_ticket_once_the_previous_one_is_closed(self):
        order = self._late_order(20)
        self._scan(order)
        self._proactive(order).stage_id = self.stage_done
        self._scan(order)
        self.assertEqual(len(self._proactive(order)), 2)
