# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import get_lang

from odoo.addons.oms_core.models.sale_order import JEOPARDY_LEVELS

# metric: (label, unit, higher is better)
KPI_METRICS = {
    "order_count": ("Orders", "count", True),
    "stp_rate": ("Straight-Through Processing %", "percent", True),
    "unclean_orders": ("Unclean Orders", "count", False),
    "fallout_rate": ("Fallout % (by step)", "percent", False),
    "jeopardy_orders": ("Orders in Jeopardy (by level)", "count", False),
    "otif_rate": ("OTIF %", "percent", True),
    "right_first_time_rate": ("Right First Time %", "percent", True),
    "perfect_order_rate": ("Perfect Order %", "percent", True),
    "accuracy_rate": ("Order Accuracy %", "percent", True),
    "cycle_time": ("Cycle Time (h, by stage)", "hours", False),
    "order_to_cash": ("Order to Cash (h)", "hours", False),
    "cancel_rate": ("Cancellation %", "percent", False),
    "return_rate": ("Return %", "percent", False),
    "deduction_rate": ("Deduction %", "percent", False),
    "dso": ("DSO (days, count-back)", "days", False),
    "cost_per_order": ("Cost per Order", "amount", False),
}
# Units of figures that are a share of a sample (orders, tickets, survey
# responses, shipments): under the minimum sample size they are "not enough
# data" and never breach a target.
RATE_UNITS = ("percent", "score")
MIN_SAMPLE_PARAM = "oms_finance.kpi_min_sample"
MIN_SAMPLE_DEFAULT = 5
# Rates of oms.kpi.order: metric -> aggregate
ORDER_AGGREGATES = {
    "order_count": "__count",
    "stp_rate": "stp_rate:avg",
    "unclean_orders": "unclean_count:sum",
    "otif_rate": "otif_rate:avg",
    "right_first_time_rate": "right_first_time_rate:avg",
    "perfect_order_rate": "perfect_order_rate:avg",
    "accuracy_rate": "accuracy_rate:avg",
    "order_to_cash": "hours_to_cash:avg",
    "cancel_rate": "cancel_rate:avg",
    "return_rate": "return_rate:avg",
    "deduction_rate": "deduction_rate:avg",
}
PERIOD_DELTAS = {"week": relativedelta(weeks=1), "month": relativedelta(months=1)}


class OmsKpiSnapshot(models.Model):
    """The OMS KPIs stored per metric x company x period (week, month) and
    dimension (fallout step, jeopardy level, stage): the source of the KPI
    trends (graph, pivot) and of the target check. ``_oms_refresh`` rebuilds
    the rows of a range of periods in a fixed number of queries, whatever
    the number of orders; the daily cron refreshes the current and previous
    periods. Orders are counted in the period of their order date."""

    _name = "oms.kpi.snapshot"
    _description = "OMS KPI Snapshot"
    _order = "period_start desc, metric, dimension"
    _rec_name = "metric"

    metric = fields.Selection(
        [(key, spec[0]) for key, spec in KPI_METRICS.items()],
        required=True,
        index=True,
    )
    dimension = fields.Char(
        help="Fallout step, jeopardy level or stage the figure is about; empty "
        "for the whole."
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    period_type = fields.Selection(
        [("week", "Week"), ("month", "Month")], required=True, index=True
    )
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True)
    value = fields.Float(aggregator="avg", digits=(16, 2))
    unit = fields.Selection(
        [
            ("percent", "%"),
            ("count", "Count"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("amount", "Amount"),
            ("score", "Score"),
        ],
        required=True,
    )
    currency_id = fields.Many2one(
        "res.currency", help="Currency of an amount (the company's)."
    )
    order_count = fields.Integer(
        "Sample",
        help="What the figure is computed over: the orders of the period (for "
        "a rate, those it judges), or the tickets, survey responses or "
        "shipments of a service metric.",
    )
    enough_data = fields.Boolean(
        default=True,
        index=True,
        help="False for a rate over fewer items than the minimum sample size "
        "(Settings): shown as not enough data, never a breach.",
    )
    status = fields.Selection(
        [
            ("green", "Green"),
            ("amber", "Amber"),
            ("red", "Red"),
            ("no_data", "Not Enough Data"),
        ],
        help="Against the company's target of the metric, if any.",
    )
    target_id = fields.Many2one("oms.kpi.target", ondelete="set null")

    _sql_constraints = [
        (
            "key_unique",
            "unique(metric, dimension, company_id, period_type, period_start)",
            "One snapshot per metric, dimension, company and period.",
        )
    ]

    @api.depends("metric", "dimension", "period_start")
    def _compute_display_name(self):
        labels = dict(self._fields["metric"]._description_selection(self.env))
        for row in self:
            name = labels.get(row.metric, "")
            if row.dimension:
                name = f"{name} - {row.dimension}"
            row.display_name = f"{name} ({row.period_start})"

    @api.model
    def _oms_metric_specs(self):
        """``{metric: (label, unit, higher is better)}``; addons adding a
        metric (``selection_add`` on ``metric``) extend it."""
        return dict(KPI_METRICS)

    @api.model
    def _oms_min_sample(self):
        param = self.env["ir.config_parameter"].sudo()  # a setting, read by all
        try:
            return max(int(param.get_param(MIN_SAMPLE_PARAM, MIN_SAMPLE_DEFAULT)), 0)
        except ValueError:
            return MIN_SAMPLE_DEFAULT

    # PERIODS

    @api.model
    def _oms_period_start(self, period_type, day):
        if period_type == "week":
            # The first day of the week of the language, as read_group's
            # week granularity uses it (Sunday in en_US).
            first = int(get_lang(self.env).week_start) - 1  # 0: Monday
            return day - relativedelta(days=(day.weekday() - first) % 7)
        return day.replace(day=1)

    @api.model
    def _oms_periods(self, period_type, date_from, date_to):
        """[(start, end)] of the periods touching [date_from, date_to]."""
        start = self._oms_period_start(period_type, date_from)
        periods = []
        while start <= date_to:
            end = start + PERIOD_DELTAS[period_type] - relativedelta(days=1)
            periods.append((start, end))
            start = end + relativedelta(days=1)
        return periods

    # REFRESH

    @api.model
    def _cron_refresh(self):
        """Daily: refresh the current and previous week and month of every
        company (the whole six months on the first run), then check the
        targets."""
        today = fields.Date.context_today(self)
        months = 1 if self.search_count([], limit=1) else 6
        self._oms_refresh(today - relativedelta(months=months), today)
        self.env["oms.kpi.target"]._oms_check_targets()
        return True

    @api.model
    def _oms_refresh(self, date_from, date_to, companies=None):
        """Recompute and upsert every snapshot row of the periods between
        ``date_from`` and ``date_to``."""
        # oms.kpi.order is an SQL view: pending writes must reach the tables.
        self.env.flush_all()
        companies = companies or self.env["res.company"].search([])
        values = {}
        for period_type in PERIOD_DELTAS:
            periods = self._oms_periods(period_type, date_from, date_to)
            values.update(self._oms_compute(companies, period_type, periods))
        return self._oms_store(values)

    @api.model
    def _oms_compute(self, companies, period_type, periods):
        """``{(metric, dimension, company, period type, start): (value,
        orders)}`` in a fixed number of queries."""
        ends = {start: end for start, end in periods}
        date_from = datetime.combine(periods[0][0], time.min)
        date_to = datetime.combine(periods[-1][1] + relativedelta(days=1), time.min)
        # Periods in UTC, whoever runs the refresh.
        env = self.with_context(tz="UTC").env
        values = {}
        orders = {}
        order_domain = [
            ("company_id", "in", companies.ids),
            ("date_order", ">=", date_from),
            ("date_order", "<", date_to),
        ]
        group = f"date_order:{period_type}"
        aggregates = list(ORDER_AGGREGATES.values())
        # A rate's sample: the orders it judges (not null), e.g. STP only
        # judges invoiced orders, OTIF delivered ones.
        samples = {
            metric: aggregate.replace(":avg", ":count")
            for metric, aggregate in ORDER_AGGREGATES.items()
            if aggregate.endswith(":avg")
        }
        for company, start, *figures in env["oms.kpi.order"]._read_group(
            order_domain, ["company_id", group], aggregates + list(samples.values())
        ):
            start = start.date() if isinstance(start, datetime) else start
            count = figures[0]
            orders[(company, start)] = count
            counts = dict(zip(samples, figures[len(aggregates) :], strict=True))
            for metric, figure in zip(ORDER_AGGREGATES, figures, strict=False):
                if figure is None:  # no invoiced order yet: no STP figure
                    continue
                values[(metric, False, company, period_type, start)] = (
                    figure,
                    counts.get(metric, count),
                )
        # Share of the period's orders with a fallout at each step.
        steps = dict(
            env["oms.fallout"]._fields["step"]._description_selection(self.env)
        )
        fallout_orders = defaultdict(set)
        rows = env["oms.fallout"]._read_group(
            [
                ("order_id.company_id", "in", companies.ids),
                ("order_id.date_order", ">=", date_from),
                ("order_id.date_order", "<", date_to),
            ],
            ["step", "order_id"],
        )
        for step, order in rows:  # one query for the dates (prefetch)
            start = self._oms_period_start(period_type, order.date_order.date())
            fallout_orders[(order.company_id, step, start)].add(order.id)
        for (company, step, start), ids in fallout_orders.items():
            base = orders.get((company, start)) or len(ids)
            values[
                ("fallout_rate", steps.get(step, step), company, period_type, start)
            ] = (
                100.0 * len(ids) / base,
                base,
            )
        # Open orders of the period at each jeopardy level (today's level).
        levels = dict(JEOPARDY_LEVELS)
        for company, level, start, count in env["sale.order"]._read_group(
            order_domain
            + [
                ("state", "=", "sale"),
                ("oms_jeopardy_level", "not in", (False, "none")),
                ("oms_stage", "not in", ("invoiced", "paid", "cancelled")),
            ],
            ["company_id", "oms_jeopardy_level", group],
            ["__count"],
        ):
            start = start.date() if isinstance(start, datetime) else start
            values[("jeopardy_orders", levels[level], company, period_type, start)] = (
                count,
                orders.get((company, start), 0),
            )
        # Hours per stage: closed stays, in the period they began.
        # Bridges add stages (oms_mrp: engineering): the field's own labels.
        stages = dict(
            self.env["oms.stage.history"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        for company, stage, start, hours, count in env["oms.stage.history"]._read_group(
            [
                ("company_id", "in", companies.ids),
                ("date_end", "!=", False),
                ("date_start", ">=", date_from),
                ("date_start", "<", date_to),
            ],
            ["company_id", "stage", f"date_start:{period_type}"],
            ["duration_hours:avg", "__count"],
        ):
            start = start.date() if isinstance(start, datetime) else start
            values[
                ("cycle_time", stages.get(stage, stage), company, period_type, start)
            ] = (
                hours,
                count,
            )
        dso = self.env["oms.kpi.dso"]._oms_dso(companies, list(ends.values()))
        for company in companies:
            for start, end in periods:
                base = orders.get((company, start), 0)
                values[("dso", False, company, period_type, start)] = (
                    dso[(company, end)],
                    base,
                )
                values[("cost_per_order", False, company, period_type, start)] = (
                    company.oms_cost_per_order,
                    base,
                )
        values.update(self._oms_compute_extra(companies, period_type, periods))
        return values

    @api.model
    def _oms_compute_extra(self, companies, period_type, periods):
        """Hook for metrics of other addons (service KPIs of oms_helpdesk,
        D&D and loading of oms_export_logistics): add the metric with
        ``selection_add`` and ``_oms_metric_specs``, return its values here
        in a fixed number of queries (``_oms_read_group_periods`` helps)."""
        return {}

    @api.model
    def _oms_read_group_periods(
        self,
        model,
        domain,
        date_field,
        companies,
        period_type,
        periods,
        aggregates,
        groupby=(),
    ):
        """``[(company, period start, *groupby, *aggregates)]`` of ``model``
        grouped by company, the period of ``date_field`` (in UTC) and
        ``groupby``, over ``periods``: one query."""
        date_from = datetime.combine(periods[0][0], time.min)
        date_to = datetime.combine(periods[-1][1] + relativedelta(days=1), time.min)
        env = self.with_context(tz="UTC").env
        rows = env[model]._read_group(
            [
                ("company_id", "in", companies.ids),
                (date_field, ">=", date_from),
                (date_field, "<", date_to),
                *domain,
            ],
            ["company_id", f"{date_field}:{period_type}", *groupby],
            aggregates,
        )
        return [
            (company, start.date() if isinstance(start, datetime) else start, *rest)
            for company, start, *rest in rows
        ]

    @api.model
    def _oms_store(self, values):
        """Upsert the computed rows (one search, then writes and one create);
        rows of the refreshed periods that no longer have a figure are left
        alone (a past jeopardy count stays as it was)."""
        if not values:
            return self.browse()
        keys = list(values)
        existing = self.search(
            [
                ("company_id", "in", list({key[2].id for key in keys})),
                ("period_start", "in", list({key[4] for key in keys})),
            ]
        )
        by_key = {
            (
                row.metric,
                row.dimension or False,
                row.company_id,
                row.period_type,
                row.period_start,
            ): row
            for row in existing
        }
        to_create = []
        rows = self.browse()
        specs = self._oms_metric_specs()
        min_sample = self._oms_min_sample()
        for key, (value, count) in values.items():
            metric, dimension, company, period_type, start = key
            row = by_key.get(key)
            unit = specs[metric][1]
            vals = {
                "value": value or 0.0,
                "order_count": count or 0,
                "enough_data": unit not in RATE_UNITS or (count or 0) >= min_sample,
            }
            if row:
                if any(row[name] != vals[name] for name in vals):
                    row.write(vals)
                rows |= row
                continue
            to_create.append(
                {
                    **vals,
                    "metric": metric,
                    "dimension": dimension,
                    "company_id": company.id,
                    "period_type": period_type,
                    "period_start": start,
                    "period_end": start
                    + PERIOD_DELTAS[period_type]
                    - relativedelta(days=1),
                    "unit": unit,
                    "currency_id": company.currency_id.id
                    if unit == "amount"
                    else False,
                }
            )
        return rows | self.create(to_create)

    # ACTIONS

    def action_view_orders(self):
        """The orders behind the figure: the period's orders, narrowed to
        those the metric counts where it is an order flag."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_kpi_order_action"
        )
        action["domain"] = self._oms_order_domain()
        action["view_mode"] = "list,pivot,graph"
        action["views"] = [(False, "list"), (False, "pivot"), (False, "graph")]
        action["context"] = {}
        return action

    def _oms_order_domain(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date_order", ">=", datetime.combine(self.period_start, time.min)),
            (
                "date_order",
                "<",
                datetime.combine(self.period_end + relativedelta(days=1), time.min),
            ),
        ]
        narrow = {
            "stp_rate": [("stp_rate", "!=", False)],
            "unclean_orders": [("unclean_count", "=", 1)],
            "fallout_rate": [("fallout_count", ">", 0)],
            "cancel_rate": [("cancel_rate", "=", 100.0)],
            "return_rate": [("return_rate", "=", 100.0)],
            "deduction_rate": [("deduction_rate", "=", 100.0)],
        }
        return domain + narrow.get(self.metric, [])
