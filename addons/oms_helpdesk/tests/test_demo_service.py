# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's service team as USAGE.md tells it: email to its alias becomes
a ticket, and its calendar has the hours its name says, which are the
hours the SLA counts."""

from datetime import datetime

import pytz

from odoo.tests import TransactionCase, tagged

EMAIL = """Return-Path: <buyer@greatlakes-fluid.example.com>
From: Megan Kowalski <m.kowalski@greatlakes-fluid.example.com>
To: export-service@sahyadri.example.com
Subject: Gate valves for our next order
Message-ID: <oms-demo-service-1@greatlakes-fluid.example.com>
Date: Mon, 30 Nov 2026 10:00:00 +0000
Content-Type: text/plain; charset="utf-8"

Could you confirm the lead time?
"""


@tagged("post_install", "-at_install")
class TestDemoService(TransactionCase):
    def setUp(self):
        super().setUp()
        self.team = self.env.ref(
            "oms_helpdesk.helpdesk_ticket_team_export_demo", raise_if_not_found=False
        )
        if not self.team:
            self.skipTest("The database has no OMS helpdesk demo data.")

    def test_email_to_the_team_alias_becomes_a_ticket(self):
        self.assertEqual(
            self.team.alias_id.alias_full_name, "export-service@sahyadri.example.com"
        )
        ticket_id = self.env["mail.thread"].message_process(False, EMAIL)
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(ticket._name, "helpdesk.ticket")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.name, "Gate valves for our next order")

    def test_calendar_hours_are_the_ones_its_name_says(self):
        calendar = self.team.resource_calendar_id
        self.assertIn("9:00-13:00, 14:00-18:00", calendar.name)
        self.assertEqual(calendar.hours_per_day, 8)
        work = calendar.attendance_ids.filtered(lambda a: a.day_period != "lunch")
        self.assertEqual(
            sorted({(a.hour_from, a.hour_to) for a in work}), [(9, 13), (14, 18)]
        )
        self.assertEqual(set(work.mapped("dayofweek")), set("01234"))
        # Two business days (16 h): Friday 17:00 India time is due on Tuesday
        # at 17:00, as USAGE.md says.
        tz = pytz.timezone("Asia/Kolkata")
        friday = tz.localize(datetime(2026, 11, 27, 17, 0))
        deadline = calendar.plan_hours(16, friday, compute_leaves=True)
        self.assertEqual(
            deadline.astimezone(tz).replace(tzinfo=None), datetime(2026, 12, 1, 17, 0)
        )
