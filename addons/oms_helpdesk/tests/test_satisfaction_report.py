# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestSatisfactionReport(OmsHelpdeskCommon):
    """The "CSAT and NPS" chart: both KPIs, each as its own series, over
    time; a question the customer skipped counts in neither."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_survey_policy(name="Everyone", delay_days=0)

    def _answered(self, csat=None, nps=None):
        order = self._delivered_order()
        user_input = order.picking_ids._oms_send_satisfaction_surveys(
            now=fields.Datetime.now() + timedelta(days=1)
        )
        if csat is not None:
            user_input._save_lines(self.q_csat, csat)
        if nps is not None:
            user_input._save_lines(self.q_nps, nps)
        user_input._mark_done()
        self.env.flush_all()
        return user_input

    def _rows(self, user_inputs, user=None):
        Report = self.env["oms.satisfaction.report"]
        if user:
            Report = Report.with_user(user)
        return Report.search([("user_input_id", "in", user_inputs.ids)])

    def test_one_row_per_answered_kpi(self):
        happy = self._answered(csat=5, nps=10)
        unhappy = self._answered(csat=2, nps=3)
        csat_only = self._answered(csat=4)
        rows = self._rows(happy | unhappy | csat_only)
        self.assertEqual(
            sorted((r.user_input_id.id, r.kpi, r.score) for r in rows),
            sorted(
                [
                    (happy.id, "csat", 100.0),
                    (happy.id, "nps", 100.0),
                    (unhappy.id, "csat", 0.0),
                    (unhappy.id, "nps", -100.0),
                    (csat_only.id, "csat", 100.0),
                ]
            ),
        )
        self.assertEqual(
            rows.sale_order_id,
            (happy | unhappy | csat_only).mapped("oms_sale_order_id"),
        )

    def test_chart_shows_both_kpis_over_time(self):
        inputs = self._answered(csat=5, nps=10) | self._answered(csat=2, nps=7)
        arch = self.env["oms.satisfaction.report"].get_views([(False, "graph")])
        graph = etree.fromstring(arch["views"]["graph"]["arch"])
        self.assertEqual(
            [(f.get("name"), f.get("type")) for f in graph.iter("field")],
            [("date", None), ("kpi", None), ("score", "measure")],
        )
        # What the chart reads: per month and KPI, the average score.
        groups = self.env["oms.satisfaction.report"]._read_group(
            [("user_input_id", "in", inputs.ids)],
            ["date:month", "kpi"],
            ["score:avg"],
        )
        self.assertEqual(
            sorted((kpi, score) for _month, kpi, score in groups),
            [("csat", 50.0), ("nps", 50.0)],
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_helpdesk.oms_satisfaction_report_action"
        )
        self.assertEqual(action["view_mode"].split(",")[0], "graph")
        menu = self.env.ref("oms_helpdesk.survey_user_input_oms_menu")
        self.assertEqual(menu.action.id, action["id"])

    def test_helpdesk_managers_read_their_companies_only(self):
        user_input = self._answered(csat=5, nps=9)
        self.assertEqual(len(self._rows(user_input, self.leader)), 2)
        with self.assertRaises(AccessError):
            self._rows(user_input, self.agent)
        # Another company's manager sees none of it.
        other = self.env["res.company"].create({"name": "OMS Other Company"})
        self.leader.write({"company_ids": [(4, other.id)]})
        Report = (
            self.env["oms.satisfaction.report"]
            .with_user(self.leader)
            .with_context(allowed_company_ids=other.ids)
        )
        self.assertFalse(Report.search([("user_input_id", "=", user_input.id)]))
