# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OmsHelpdeskCommon

# Friday 27 November 2026, 15:00 UTC: two business hours left that day.
FRIDAY_3PM = "2026-11-27 15:00:00"


@tagged("post_install", "-at_install")
class TestSlaEscalation(OmsHelpdeskCommon):
    """SLA deadlines in business hours and the escalation levels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env["oms.helpdesk.escalation.level"]
        # Only this test's levels: demo teams have their own.
        Level.search([]).active = False
        cls.level_notify = Level.create(
            {
                "name": "50 %: notify the leader",
                "team_id": cls.team.id,
                "percent": 50,
                "action": "notify",
                "user_id": cls.leader.id,
            }
        )
        cls.level_reassign = Level.create(
            {
                "name": "80 %: senior takes over",
                "team_id": cls.team.id,
                "percent": 80,
                "action": "reassign",
                "user_id": cls.senior.id,
            }
        )
        cls.level_manager = Level.create(
            {
                "name": "100 %: escalate to the manager",
                "team_id": cls.team.id,
                "percent": 100,
                "action": "escalate_manager",
            }
        )

    def _friday_ticket(self):
        ticket = self._create_ticket(team_id=self.team.id, user_id=self.agent.id)
        # The ORM stamps create_date with the transaction time: move the
        # ticket to Friday 15:00 and let helpdesk_mgmt_sla count from there.
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (FRIDAY_3PM, ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        ticket.set_sla()
        return ticket

    def _escalate(self, when):
        return self.env["helpdesk.ticket"]._cron_oms_escalate(
            now=datetime.fromisoformat(when)
        )

    def test_deadline_skips_the_weekend(self):
        ticket = self._friday_ticket()
        # 16 h: Fri 15-17 (2), Mon 8-12 13-17 (8), Tue 8-12 (4), 13-15 (2).
        self.assertEqual(ticket.sla_deadline, datetime(2026, 12, 1, 15, 0))
        self.assertEqual(ticket.oms_sla_status, "open")

    def test_sla_attained_when_done_in_time(self):
        ticket = self._friday_ticket()
        with freeze_time("2026-11-30 10:00:00"):
            ticket.stage_id = self.stage_done
        self.assertEqual(ticket.oms_sla_status, "attained")
        self.assertEqual(ticket.oms_sla_attainment, 100.0)

    def test_weekend_hours_do_not_count(self):
        ticket = self._friday_ticket()
        # Monday 8:00: only Friday's two hours are used (12.5 %).
        self.assertFalse(self._escalate("2026-11-30 08:00:00"))
        self.assertFalse(ticket.oms_escalation_level_ids)

    def test_level_50_notifies_once(self):
        ticket = self._friday_ticket()
        # Monday 15:00: 2 + 6 = 8 h of 16 = 50 %.
        self.assertEqual(self._escalate("2026-11-30 15:00:00"), ticket)
        self.assertEqual(ticket.oms_escalation_level_ids, self.level_notify)
        self.assertEqual(ticket.user_id, self.agent)
        notes = ticket.message_ids.filtered(lambda m: "50 %" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn(self.leader.partner_id, notes.partner_ids)
        # Idempotent: a second run applies nothing again.
        self.assertFalse(self._escalate("2026-11-30 15:30:00"))
        notes = ticket.message_ids.filtered(lambda m: "50 %" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertEqual(ticket.oms_escalation_count, 1)

    def test_level_80_reassigns(self):
        ticket = self._friday_ticket()
        # Tuesday 11:00: 2 + 8 + 3 = 13 h = 81 %; 50 % applies on the way.
        self._escalate("2026-12-01 11:00:00")
        self.assertEqual(
            ticket.oms_escalation_level_ids, self.level_notify | self.level_reassign
        )
        self.assertEqual(ticket.user_id, self.senior)
        self.assertFalse(ticket.oms_escalated_to_manager)

    def test_level_100_escalates_to_manager(self):
        ticket = self._friday_ticket()
        self._escalate("2026-12-01 11:00:00")
        # Tuesday 16:00: 17 h, the SLA is missed.
        self.assertEqual(self._escalate("2026-12-01 16:00:00"), ticket)
        self.assertEqual(ticket.oms_escalation_count, 3)
        self.assertTrue(ticket.oms_escalated_to_manager)
        self.assertEqual(ticket.priority, "3")
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.leader)
        self.assertEqual(len(activity), 1)
        self._escalate("2026-12-02 16:00:00")
        self.assertEqual(len(ticket.activity_ids), 1)

    def test_closed_ticket_is_not_escalated(self):
        ticket = self._friday_ticket()
        with freeze_time("2026-11-30 09:00:00"):
            ticket.stage_id = self.stage_done
        self.assertFalse(self._escalate("2026-12-02 16:00:00"))
        self.assertFalse(ticket.oms_escalation_level_ids)

    def test_sla_team_without_calendar_is_refused(self):
        with self.assertRaises(ValidationError):
            self.team.resource_calendar_id = False
        self.assertEqual(self.team.resource_calendar_id, self.calendar)
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "No hours", "resource_calendar_id": False}
        )
        with self.assertRaises(ValidationError):
            self.env["helpdesk.sla"].create(
                {"name": "No calendar SLA", "team_ids": [(6, 0, team.ids)], "hours": 4}
            )
        self.assertFalse(
            self.env["helpdesk.sla"].search([("name", "=", "No calendar SLA")])
        )

    def test_reassign_level_needs_a_user(self):
        with self.assertRaises(ValidationError):
            self.env["oms.helpdesk.escalation.level"].create(
                {
                    "name": "Reassign to nobody",
                    "team_id": self.team.id,
                    "percent": 60,
                    "action": "reassign",
                }
            )
