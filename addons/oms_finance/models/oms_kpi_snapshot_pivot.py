# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# What makes one series of KPI figures: a metric, at one dimension (step,
# level, stage or the whole), per week or per month. Figures of one series
# share a unit and may be averaged over periods; figures of several series
# (days with %, amounts with counts, one step with another) may not.
SERIES_FIELDS = ("metric", "dimension", "period_type")
# The measures of a group that mixes series are left empty.
SERIES_MEASURES = ("value", "order_count")


class OmsKpiSnapshot(models.Model):
    """The KPI pivot and graph (``read_group``) show a figure only where it
    is about one series: the grand total of a pivot whose rows are the
    metrics, or a metric's row over its steps, stays empty instead of an
    average of unlike units. Any grouping the user picks keeps the rule."""

    _inherit = "oms.kpi.snapshot"

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby or [])
        applied = groupby_list[:1] if lazy else groupby_list
        grouped = {spec.split(":")[0] for spec in applied}
        open_fields = [fname for fname in SERIES_FIELDS if fname not in grouped]
        measures = {
            spec.split(":")[0]
            for spec in fields
            if spec.split(":")[0] in SERIES_MEASURES
        }
        if not open_fields or not measures:
            return super().read_group(
                domain,
                fields,
                groupby,
                offset=offset,
                limit=limit,
                orderby=orderby,
                lazy=lazy,
            )
        # The series a group spans, read in the same query: every value of
        # the open series fields (array_agg counts an empty dimension too).
        spans = {f"_oms_span_{fname}": fname for fname in open_fields}
        rows = super().read_group(
            domain,
            list(fields)
            + [f"{alias}:array_agg({fname})" for alias, fname in spans.items()],
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        for row in rows:
            mixed = any(len(set(row.pop(alias, None) or [])) > 1 for alias in spans)
            if mixed:
                row.update(dict.fromkeys(measures & row.keys(), False))
        return rows
