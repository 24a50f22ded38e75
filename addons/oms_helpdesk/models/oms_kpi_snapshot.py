# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# metric: (label, unit, higher is better), as oms_finance's KPI_METRICS
SERVICE_METRICS = {
    "one_call_rate": ("One-Call Resolution %", "percent", True),
    "csat": ("CSAT (% satisfied)", "percent", True),
    "nps": ("NPS", "score", True),
}


class OmsKpiSnapshot(models.Model):
    """The service KPIs in the stored KPI trends and targets:

    - one-call resolution: share of the tickets closed in the period that
      were resolved at first contact and never reopened
      (``helpdesk.ticket.oms_one_call_resolution``); sample: those tickets;
    - CSAT: share of the satisfaction answers of the period scoring 4 or 5
      (of 1 to 5); sample: the responses that answered it;
    - NPS: % promoters (9-10) minus % detractors (0-6) of the NPS answers of
      the period, from -100 to 100; sample: the responses that answered it.

    Survey scores are read from ``oms.satisfaction.report``, so the trend
    shows the figures of the satisfaction report."""

    _inherit = "oms.kpi.snapshot"

    metric = fields.Selection(
        selection_add=[(key, spec[0]) for key, spec in SERVICE_METRICS.items()],
        ondelete={key: "cascade" for key in SERVICE_METRICS},
    )

    @api.model
    def _oms_metric_specs(self):
        return {**super()._oms_metric_specs(), **SERVICE_METRICS}

    @api.model
    def _oms_compute_extra(self, companies, period_type, periods):
        values = super()._oms_compute_extra(companies, period_type, periods)
        for company, start, rate, count in self._oms_read_group_periods(
            "helpdesk.ticket",
            [("stage_id.closed", "=", True)],
            "closed_date",
            companies,
            period_type,
            periods,
            ["oms_one_call_rate:avg", "__count"],
        ):
            values[("one_call_rate", False, company, period_type, start)] = (
                rate,
                count,
            )
        # Survey answers: one row per answered KPI, in the company of the
        # order, dated when answered.
        for company, start, kpi, score, count in self._oms_read_group_periods(
            "oms.satisfaction.report",
            [],
            "date",
            companies,
            period_type,
            periods,
            ["score:avg", "__count"],
            groupby=["kpi"],
        ):
            values[(kpi, False, company, period_type, start)] = (score, count)
        return values

    def action_view_orders(self):
        """Service figures drill down to their tickets or survey answers."""
        self.ensure_one()
        if self.metric not in SERVICE_METRICS:
            return super().action_view_orders()
        date_from = datetime.combine(self.period_start, time.min)
        date_to = datetime.combine(self.period_end + relativedelta(days=1), time.min)
        if self.metric == "one_call_rate":
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Tickets closed"),
                "res_model": "helpdesk.ticket",
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
                "domain": [
                    ("company_id", "=", self.company_id.id),
                    ("stage_id.closed", "=", True),
                    ("closed_date", ">=", date_from),
                    ("closed_date", "<", date_to),
                ],
                "context": {},
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Satisfaction answers"),
            "res_model": "oms.satisfaction.report",
            "view_mode": "list",
            "views": [(False, "list")],
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("kpi", "=", self.metric),
                ("date", ">=", date_from),
                ("date", "<", date_to),
            ],
            "context": {},
        }
