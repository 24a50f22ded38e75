# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

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

    def _friday_ticket(self, when=FRIDAY_3PM):
        ticket = self._create_ticket(team_id=self.team.id, user_id=self.agent.id)
        # The ORM stamps create_date with the transaction time: move the
        # ticket to Friday 15:00 and let helpdesk_mgmt_sla count from there.
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (when, ticket.id),
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

    def test_sla_percent_counts_business_hours_as_the_calendar(self):
        """The batched count gives what get_work_hours_count gives ticket by
        ticket: lunch, weekend, public holiday, start inside an interval."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday afternoon",
                "calendar_id": self.calendar.id,
                "date_from": "2026-11-30 13:00:00",
                "date_to": "2026-11-30 17:00:00",
            }
        )
        starts = [
            FRIDAY_3PM,
            "2026-11-27 12:30:00",  # lunch break
            "2026-11-28 10:00:00",  # Saturday
            "2026-11-30 09:15:00",  # inside an interval
            "2026-11-30 14:00:00",  # inside the holiday
            "2026-12-01 10:00:00",  # after now: nothing used yet
        ]
        tickets = self.env["helpdesk.ticket"].browse(
            [self._friday_ticket(start).id for start in starts]
        )
        now = datetime(2026, 12, 1, 9, 30)
        percents = tickets._oms_get_sla_percents(now)
        for ticket, start in zip(tickets, starts, strict=True):
            start = datetime.fromisoformat(start)
            hours = (
                self.calendar.get_work_hours_count(start, now, compute_leaves=True)
                if start < now
                else 0.0
            )
            self.assertAlmostEqual(percents[ticket], 100.0 * hours / 16, places=6)
            self.assertAlmostEqual(
                ticket._oms_get_sla_percent(now), percents[ticket], places=6
            )
        # Friday 15-17 (2 h), Monday morning (4 h, holiday afternoon),
        # Tuesday 8-9:30 (1.5 h): 7.5 h of 16.
        self.assertAlmostEqual(percents[tickets[0]], 46.875)

    def test_sla_percents_cost_the_same_queries_for_5_and_50_tickets(self):
        tickets = self.env["helpdesk.ticket"].browse(
            [
                self._friday_ticket(
                    "2026-11-27 15:00:00" if index % 2 else "2026-11-30 09:00:00"
                ).id
                for index in range(50)
            ]
        )
        now = datetime(2026, 12, 1, 11, 0)

        def count_queries(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            percents = records._oms_get_sla_percents(now)
            self.assertEqual(len(percents), len(records))
            self.assertTrue(all(percents.values()))
            return self.env.cr.sql_log_count - before

        five = count_queries(tickets[:5])
        self.assertTrue(five)
        self.assertEqual(count_queries(tickets), five)

    def test_cron_scans_every_ticket_in_batches(self):
        tickets = self.env["helpdesk.ticket"].browse(
            [self._friday_ticket().id for _index in range(3)]
        )
        # Monday 15:00: 50 % on each; one ticket per batch, one cron run.
        escalated = self.env["helpdesk.ticket"]._cron_oms_escalate(
            now=datetime(2026, 11, 30, 15, 0), limit=1
        )
        self.assertEqual(escalated, tickets)
        for ticket in tickets:
            self.assertEqual(ticket.oms_escalation_level_ids, self.level_notify)

    def test_escalated_tickets_do_not_hide_older_ones(self):
        old = self._friday_ticket("2026-11-30 08:00:00")
        escalated = self._friday_ticket()
        # Tuesday 16:00: 17 h (all levels, priority 3) and 15 h (80 %).
        self._escalate("2026-12-01 16:00:00")
        self.assertEqual(escalated.priority, "3")
        self.assertEqual(old.oms_escalation_count, 2)
        # The escalated ticket, first in priority order, holds no batch.
        result = self.env["helpdesk.ticket"]._cron_oms_escalate(
            now=datetime(2026, 12, 2, 9, 0), limit=1
        )
        self.assertEqual(result, old)
        self.assertTrue(old.oms_escalated_to_manager)

    def test_ticket_at_its_last_level_is_not_scanned(self):
        Ticket = self.env["helpdesk.ticket"]
        done = self._friday_ticket()
        self._escalate("2026-12-01 16:00:00")
        self.assertEqual(done.oms_escalation_count, 3)
        running = self._friday_ticket()
        # A level of another SLA does not keep the ticket in the scan; a
        # level of its own SLA does until it is applied.
        other_sla = self.env["helpdesk.sla"].create(
            {
                "name": "Other SLA",
                "team_ids": [(6, 0, self.team.ids)],
                "stage_id": self.stage_done.id,
                "hours": 4,
                "active": False,
            }
        )
        Level = self.env["oms.helpdesk.escalation.level"]
        Level.create(
            {
                "name": "Other SLA level",
                "team_id": self.team.id,
                "sla_id": other_sla.id,
                "percent": 10,
            }
        )
        scanned = Ticket.search(Ticket._oms_escalation_domain())
        self.assertIn(running, scanned)
        self.assertNotIn(done, scanned)
        own_level = Level.create(
            {
                "name": "Own SLA level",
                "team_id": self.team.id,
                "sla_id": self.sla.id,
                "percent": 10,
            }
        )
        self.assertIn(done, Ticket.search(Ticket._oms_escalation_domain()))
        self._escalate("2026-12-02 09:00:00")
        self.assertIn(own_level, done.oms_escalation_level_ids)
        # Only tickets that can still escalate are read by the cron.
        read = []
        original = type(Ticket)._oms_get_due_escalation_levels

        def spy(tickets, now):
            read.append(tickets.id)
            return original(tickets, now)

        with patch.object(type(Ticket), "_oms_get_due_escalation_levels", spy):
            self._escalate("2026-12-02 10:00:00")
        self.assertNotIn(done.id, read)
        self.assertNotIn(running.id, read)
