# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import tagged

from .common import OmsHelpdeskCommon

JANUARY = datetime(2020, 1, 15, 12, 0)
FEBRUARY = datetime(2020, 2, 10, 12, 0)


@tagged("post_install", "-at_install")
class TestKpiSnapshotService(OmsHelpdeskCommon):
    """One-call resolution, CSAT and NPS in the stored KPI trends, each on a
    hand-built set of January 2020, with a February item that stays out."""

    def _refresh(self):
        self.env["oms.kpi.snapshot"]._oms_refresh(
            date(2020, 1, 1), date(2020, 1, 31), companies=self.company
        )

    def _snapshot(self, metric):
        return self.env["oms.kpi.snapshot"].search(
            [
                ("company_id", "=", self.company.id),
                ("metric", "=", metric),
                ("period_type", "=", "month"),
                ("period_start", "=", date(2020, 1, 1)),
            ]
        )

    def _closed_tickets(self, one_call, reopened, when):
        tickets = self.env["helpdesk.ticket"]
        for index in range(one_call + reopened):
            ticket = self._create_ticket(team_id=self.team.id)
            ticket.stage_id = self.stage_done
            if index >= one_call:  # reopened once: not resolved at first call
                ticket.stage_id = self.stage_progress
                ticket.stage_id = self.stage_done
            tickets |= ticket
        tickets.closed_date = when
        return tickets

    def _responses(self, order, scores, when):
        """One finished delivery survey per ``(csat, nps)``; None: skipped."""
        inputs = self.env["survey.user_input"]
        for csat, nps in scores:
            user_input = self.survey._create_answer(
                partner=self.customer_de, check_attempts=False
            )
            user_input.oms_sale_order_id = order
            if csat is not None:
                user_input._save_lines(self.q_csat, csat)
            if nps is not None:
                user_input._save_lines(self.q_nps, nps)
            user_input._mark_done()
            inputs |= user_input
        inputs.end_datetime = when
        return inputs

    def test_one_call_resolution_rate(self):
        self._closed_tickets(one_call=3, reopened=2, when=JANUARY)
        self._closed_tickets(one_call=0, reopened=1, when=FEBRUARY)
        self._create_ticket(team_id=self.team.id)  # open: not judged yet
        self._refresh()
        row = self._snapshot("one_call_rate")
        self.assertAlmostEqual(row.value, 60.0)  # 3 of the 5 closed
        self.assertEqual(row.order_count, 5)
        self.assertTrue(row.enough_data)
        self.assertEqual(row.unit, "percent")
        action = row.action_view_orders()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        tickets = self.env["helpdesk.ticket"].search(action["domain"])
        self.assertEqual(len(tickets), 5)

    def test_csat_and_nps(self):
        order = self._delivered_order()
        # CSAT 5, 4, 3, 1, 5 and one skipped: 3 satisfied of 5 answers.
        # NPS 10, 9, 9, 7, 3, 6: 3 promoters, 2 detractors of 6 answers.
        self._responses(
            order,
            [(5, 10), (4, 9), (3, 9), (1, 7), (5, 3), (None, 6)],
            JANUARY,
        )
        self._responses(order, [(1, 0)], FEBRUARY)
        self._refresh()
        csat = self._snapshot("csat")
        self.assertAlmostEqual(csat.value, 60.0)
        self.assertEqual(csat.order_count, 5)
        nps = self._snapshot("nps")
        self.assertAlmostEqual(nps.value, 100.0 * (3 - 2) / 6, places=2)
        self.assertEqual(nps.order_count, 6)
        self.assertEqual(nps.unit, "score")
        self.assertTrue(nps.enough_data)
        answers = self.env["oms.satisfaction.report"].search(
            nps.action_view_orders()["domain"]
        )
        self.assertEqual(len(answers), 6)

    def test_small_sample_never_breaches(self):
        order = self._delivered_order()
        self._responses(order, [(1, 0), (2, 1)], JANUARY)  # 2 answers < 5
        self._refresh()
        csat = self._snapshot("csat")
        self.assertEqual(csat.value, 0.0)
        self.assertFalse(csat.enough_data)
        target = self.env["oms.kpi.target"].create(
            {
                "metric": "csat",
                "company_id": self.company.id,
                "period_type": "month",
                "green_threshold": 90.0,
                "red_threshold": 80.0,
                "user_id": self.leader.id,
            }
        )
        breaches = self.env["oms.kpi.target"]._oms_check_targets(
            today=date(2020, 1, 20)
        )
        self.assertFalse(breaches.filtered(lambda b: b.target_id == target))
        self.assertEqual(csat.status, "no_data")
        # With a minimum sample of 2 the same figure is a breach, once.
        self.env["ir.config_parameter"].set_param("oms_finance.kpi_min_sample", "2")
        self._refresh()
        self.assertTrue(csat.enough_data)
        Target = self.env["oms.kpi.target"]
        Target._oms_check_targets(today=date(2020, 1, 20))
        Target._oms_check_targets(today=date(2020, 1, 20))
        self.assertEqual(len(target.breach_ids), 1)
        self.assertEqual(csat.status, "red")
