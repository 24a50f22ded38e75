# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the OMS works out from the rest of a record (an order's stage and
money state, a line's P:D ratio, a ticket's SLA status, a survey's scores,
a rule's area) is not written by a client: a JSON-RPC ``write`` of a
stored compute kept the value sent until the next recompute, so an order
that nobody paid showed "paid" to the stage rules, the notifications and the
reports. Each attack is made as a non-admin user who may write the record,
and leaves it unchanged."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.oms_helpdesk.tests.common import OmsHelpdeskCommon

REFUSED = "worked out from the rest of the record"


@tagged("post_install", "-at_install")
class TestDerivedFieldAttacks(OmsHelpdeskCommon):
    def test_salesperson_marks_an_order_paid(self):
        order = self._create_order()
        order.action_confirm()
        before = order.read(["oms_stage", "oms_money_state", "oms_on_hold"])[0]
        for vals in (
            {"oms_stage": "paid"},
            {"oms_money_state": "paid"},
            {"oms_on_hold": True},
            {"client_order_ref": "PO-1", "oms_stage": "invoiced"},
            {"oms_stage": "no such stage"},
        ):
            with self.assertRaisesRegex(UserError, REFUSED):
                order.with_user(self.oms_user).write(vals)
        order.invalidate_recordset()
        self.assertEqual(
            order.read(["oms_stage", "oms_money_state", "oms_on_hold"])[0], before
        )
        self.assertFalse(order.client_order_ref)
        self.assertEqual(len(order.oms_stage_history_ids), 2, "captured, released")
        # The values it has, as an import sends them back, are no change.
        order.with_user(self.oms_user).write(
            {"oms_stage": "released", "client_order_ref": "PO-1"}
        )
        self.assertEqual(order.client_order_ref, "PO-1")

    def test_salesperson_forges_the_pd_ratio(self):
        order = self._create_order()
        line = order.order_line[:1]
        with self.assertRaisesRegex(UserError, REFUSED):
            line.with_user(self.oms_user).write({"oms_pd_ratio": 0.1})
        # P and D themselves are typed by hand; the ratio follows.
        line.with_user(self.oms_user).write({"oms_production_lead_days": 30})
        self.assertAlmostEqual(
            line.oms_pd_ratio, 30 / max(line.oms_demand_lead_days, 1.0)
        )

    def test_agent_forges_the_sla_status(self):
        ticket = self._create_ticket(team_id=self.team.id)
        status = ticket.oms_sla_status
        with self.assertRaisesRegex(UserError, REFUSED):
            ticket.with_user(self.agent).write({"oms_sla_status": "breached"})
        self.assertEqual(ticket.oms_sla_status, status)
        # helpdesk_mgmt's own fields stay its business.
        ticket.with_user(self.agent).write({"name": "Where is my valve?"})

    def test_manager_forges_a_rule_area(self):
        rule = self._create_rule()
        areas = rule._fields["area"]._description_selection(self.env)
        other = [value for value, _label in areas if value != rule.area]
        self.assertTrue(other, "the addons add areas of their own")
        with self.assertRaisesRegex(UserError, REFUSED):
            rule.with_user(self.oms_manager).write({"area": other[0], "sequence": 1})
        self.assertEqual(rule.sequence, 10)
        self.assertEqual(rule.area, "order")
