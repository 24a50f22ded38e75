# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Headline KPIs: (field of the dashboard, field of oms.kpi.order, aggregate)
KPI_RATES = [
    ("otif_rate", "otif_rate:avg"),
    ("on_time_rate", "on_time_rate:avg"),
    ("in_full_rate", "in_full_rate:avg"),
    ("right_first_time_rate", "right_first_time_rate:avg"),
    ("perfect_order_rate", "perfect_order_rate:avg"),
    ("accuracy_rate", "accuracy_rate:avg"),
    ("cancel_rate", "cancel_rate:avg"),
    ("return_rate", "return_rate:avg"),
    ("deduction_rate", "deduction_rate:avg"),
    ("hours_to_ship", "hours_to_ship:avg"),
    ("hours_to_cash", "hours_to_cash:avg"),
]


class OmsKpiDashboard(models.TransientModel):
    """Headline OMS figures for a period and company, computed from
    ``oms.kpi.order``, ``oms.stage.history`` and the receivables.

    - cost per order: the company's configured fixed cost per order;
    - DSO: count-back days sales outstanding at the end of the period (see
      ``oms.kpi.dso``), never negative;
    - cash collected: customer receipts (inbound payments and statement
      lines reconciled or not) dated in the period.
    """

    _name = "oms.kpi.dashboard"
    _description = "OMS KPI Dashboard"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(days=30),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    order_count = fields.Integer("Orders", compute="_compute_kpis")
    otif_rate = fields.Float("OTIF %", compute="_compute_kpis")
    on_time_rate = fields.Float("On Time %", compute="_compute_kpis")
    in_full_rate = fields.Float("In Full %", compute="_compute_kpis")
    right_first_time_rate = fields.Float("Right First Time %", compute="_compute_kpis")
    perfect_order_rate = fields.Float("Perfect Order %", compute="_compute_kpis")
    accuracy_rate = fields.Float("Order Accuracy %", compute="_compute_kpis")
    cancel_rate = fields.Float("Cancellation %", compute="_compute_kpis")
    return_rate = fields.Float("Return %", compute="_compute_kpis")
    deduction_rate = fields.Float("Deduction %", compute="_compute_kpis")
    hours_to_ship = fields.Float("Order to Ship (h)", compute="_compute_kpis")
    hours_to_cash = fields.Float("Order to Cash (h)", compute="_compute_kpis")
    fallout_count = fields.Integer("Fallouts", compute="_compute_kpis")
    cost_per_order = fields.Monetary(compute="_compute_kpis")
    total_order_cost = fields.Monetary(compute="_compute_kpis")
    dso = fields.Float(
        "DSO (days)",
        compute="_compute_kpis",
        help="Days sales outstanding by the count-back method: open receivables "
        "at the end of the period are matched against the invoiced sales of the "
        "months before it, newest first; never negative.",
    )
    cash_collected = fields.Monetary(compute="_compute_kpis")
    stage_cycle_text = fields.Text("Cycle Time per Stage", compute="_compute_kpis")

    @api.depends("date_from", "date_to", "company_id")
    def _compute_kpis(self):
        for dashboard in self:
            values = dashboard._get_kpi_values()
            dashboard.update(
                {
                    key: value
                    for key, value in values.items()
                    if key in self._fields and key != "stage_cycle_hours"
                }
            )
            dashboard.stage_cycle_text = "\n".join(
                f"{label}: {hours:.1f} h"
                for label, hours in values["stage_cycle_hours"]
            )

    # BUSINESS METHODS

    def _get_order_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("date_order", ">=", fields.Datetime.to_datetime(self.date_from)),
            (
                "date_order",
                "<",
                fields.Datetime.to_datetime(self.date_to + relativedelta(days=1)),
            ),
        ]

    def _get_kpi_values(self):
        """All headline figures as a dict (dashboard, XLSX, tests)."""
        self.ensure_one()
        # oms.kpi.order is an SQL view: pending writes must reach the tables.
        self.env.flush_all()
        domain = self._get_order_domain()
        aggregates = [agg for _field, agg in KPI_RATES]
        [row] = self.env["oms.kpi.order"]._read_group(
            domain, [], ["__count", "fallout_count:sum", *aggregates]
        )
        values = {"order_count": row[0], "fallout_count": row[1] or 0}
        for (field, _agg), value in zip(KPI_RATES, row[2:], strict=True):
            values[field] = value or 0.0
        cost = self.company_id.oms_cost_per_order
        values["cost_per_order"] = cost
        values["total_order_cost"] = cost * values["order_count"]
        values["stage_cycle_hours"] = self._get_stage_cycle_hours(domain)
        values["cash_collected"] = self._get_cash_collected()
        values["dso"] = self._get_dso()
        return values

    def _get_stage_cycle_hours(self, order_domain):
        """Average hours spent per pipeline stage (closed stay only)."""
        orders = self.env["sale.order"].search(order_domain)
        rows = self.env["oms.stage.history"]._read_group(
            [("order_id", "in", orders.ids), ("date_end", "!=", False)],
            ["stage"],
            ["duration_hours:avg"],
        )
        labels = dict(
            self.env["oms.stage.history"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        return [(labels[stage], hours or 0.0) for stage, hours in rows]

    def _get_receivable_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
        ]

    def _get_cash_collected(self):
        """Customer cash in the period: credits to receivables booked by
        bank and cash journals or payments."""
        [[amount]] = self.env["account.move.line"]._read_group(
            self._get_receivable_domain()
            + [
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("credit", ">", 0),
                "|",
                ("move_id.origin_payment_id", "!=", False),
                ("move_id.statement_line_id", "!=", False),
            ],
            [],
            ["credit:sum"],
        )
        return amount or 0.0

    def _get_dso(self):
        """Count-back DSO at the end of the period (``oms.kpi.dso``)."""
        dso = self.env["oms.kpi.dso"]._oms_dso(self.company_id, [self.date_to])
        return dso[(self.company_id, self.date_to)]

    # PUBLIC ACTIONS

    def action_refresh(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_orders(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_kpi_order_action"
        )
        action["domain"] = self._get_order_domain()
        return action

    def action_export_xlsx(self):
        return self.env.ref("oms_finance.oms_kpi_xlsx_report").report_action(self)
