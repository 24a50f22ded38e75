# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# metric: (label, unit, higher is better), as oms_finance's KPI_METRICS
LOGISTICS_METRICS = {
    "dd_company_amount": ("D&D Charges Caused by Us", "amount", False),
    "on_time_loading_rate": ("On-time Loading %", "percent", True),
}


class OmsKpiSnapshot(models.Model):
    """The export KPIs in the stored KPI trends and targets:

    - D&D charges caused by the company: the amount in company currency of
      the demurrage and detention clocks started in the period whose cause
      is the company (``oms.dd.clock.cause``: who pays by default, or as an
      OMS manager set it), running clocks at their amount of the last scan;
      sample: those clocks;
    - on-time loading: share of the shipments loaded in the period (actual
      loading date) that were loaded no later than their planned day;
      sample: the loaded shipments with a planned date."""

    _inherit = "oms.kpi.snapshot"

    metric = fields.Selection(
        selection_add=[(key, spec[0]) for key, spec in LOGISTICS_METRICS.items()],
        ondelete={key: "cascade" for key in LOGISTICS_METRICS},
    )

    @api.model
    def _oms_metric_specs(self):
        return {**super()._oms_metric_specs(), **LOGISTICS_METRICS}

    @api.model
    def _oms_compute_extra(self, companies, period_type, periods):
        values = super()._oms_compute_extra(companies, period_type, periods)
        for company, start, amount, count in self._oms_read_group_periods(
            "oms.dd.clock",
            self._oms_dd_company_domain(),
            "start_datetime",
            companies,
            period_type,
            periods,
            ["amount_company:sum", "__count"],
        ):
            values[("dd_company_amount", False, company, period_type, start)] = (
                amount,
                count,
            )
        for company, start, rate, count in self._oms_read_group_periods(
            "oms.export.shipment",
            self._oms_loading_domain(),
            "loading_actual",
            companies,
            period_type,
            periods,
            ["on_time_loading_rate:avg", "__count"],
        ):
            values[("on_time_loading_rate", False, company, period_type, start)] = (
                rate,
                count,
            )
        return values

    @api.model
    def _oms_dd_company_domain(self):
        return [("cause", "=", "company")]

    @api.model
    def _oms_loading_domain(self):
        return [("loading_planned", "!=", False), ("state", "!=", "cancelled")]

    def action_view_orders(self):
        """Export figures drill down to their clocks or shipments."""
        self.ensure_one()
        if self.metric not in LOGISTICS_METRICS:
            return super().action_view_orders()
        date_from = datetime.combine(self.period_start, time.min)
        date_to = datetime.combine(self.period_end + relativedelta(days=1), time.min)
        if self.metric == "dd_company_amount":
            model, date_field, domain = (
                "oms.dd.clock",
                "start_datetime",
                self._oms_dd_company_domain(),
            )
            name = self.env._("D&D clocks caused by us")
        else:
            model, date_field, domain = (
                "oms.export.shipment",
                "loading_actual",
                self._oms_loading_domain(),
            )
            name = self.env._("Shipments loaded")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [
                ("company_id", "=", self.company_id.id),
                (date_field, ">=", date_from),
                (date_field, "<", date_to),
                *domain,
            ],
            "context": {},
        }
