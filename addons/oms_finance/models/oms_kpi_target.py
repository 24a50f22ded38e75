# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsKpiTarget(models.Model):
    """What a manager expects of a KPI for a company and period type.

    Green at or beyond the green threshold, red beyond the red one, amber
    between (for metrics where lower is better, "beyond" means above). The
    daily check compares the snapshots of the current and previous period
    with the targets; a red figure is a breach, alerted once per target and
    period (``oms.kpi.breach``): an activity for the responsible user and a
    post in the OMS KPI channel."""

    _name = "oms.kpi.target"
    _description = "OMS KPI Target"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "metric, company_id, period_type"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True)
    metric = fields.Selection(
        selection=lambda self: (
            self.env["oms.kpi.snapshot"]
            ._fields["metric"]
            ._description_selection(self.env)
        ),
        required=True,
        tracking=True,
    )
    dimension = fields.Char(
        help="Fallout step, jeopardy level or stage as shown on the snapshots "
        "(e.g. Procurement, Critical, Shipped); empty: the metric as a whole.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        [("week", "Week"), ("month", "Month")], required=True, default="month"
    )
    higher_is_better = fields.Boolean(compute="_compute_higher_is_better")
    green_threshold = fields.Float(
        required=True, tracking=True, help="At or better than this: green."
    )
    red_threshold = fields.Float(
        required=True,
        tracking=True,
        help="Worse than this: red, a breach. Between the two: amber.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
    )
    breach_ids = fields.One2many("oms.kpi.breach", "target_id", readonly=True)

    _sql_constraints = [
        (
            "target_unique",
            "unique(metric, dimension, company_id, period_type)",
            "A metric has one target per company and period type.",
        )
    ]

    @api.depends("metric", "dimension", "period_type")
    def _compute_name(self):
        labels = dict(self._fields["metric"]._description_selection(self.env))
        for target in self:
            name = labels.get(target.metric, "")
            if target.dimension:
                name = f"{name} - {target.dimension}"
            target.name = f"{name} / {target.period_type or ''}"

    @api.depends("metric")
    def _compute_higher_is_better(self):
        specs = self.env["oms.kpi.snapshot"]._oms_metric_specs()
        for target in self:
            target.higher_is_better = specs.get(target.metric, ("", "", True))[2]

    @api.constrains("green_threshold", "red_threshold", "metric")
    def _check_thresholds(self):
        for target in self:
            better = target.higher_is_better
            if (better and target.red_threshold > target.green_threshold) or (
                not better and target.red_threshold < target.green_threshold
            ):
                raise ValidationError(
                    self.env._(
                        "Target %(target)s: the red threshold must be worse than "
                        "the green one (%(direction)s is better).",
                        target=target.name,
                        direction=self.env._("higher")
                        if better
                        else self.env._("lower"),
                    )
                )

    # EVALUATION

    def _oms_status(self, value):
        self.ensure_one()
        sign = 1 if self.higher_is_better else -1
        if sign * value >= sign * self.green_threshold:
            return "green"
        if sign * value < sign * self.red_threshold:
            return "red"
        return "amber"

    @api.model
    def _oms_check_targets(self, today=None):
        """Rate the current and previous period's snapshots against the
        active targets and alert each new breach once. Idempotent: a breach
        already recorded for the target and period is not alerted again.

        :returns: the new breaches
        """
        today = today or fields.Date.context_today(self)
        targets = self.search([])
        if not targets:
            return self.env["oms.kpi.breach"]
        Snapshot = self.env["oms.kpi.snapshot"]
        starts = set()
        for period_type in ("week", "month"):
            current = Snapshot._oms_period_start(period_type, today)
            previous = Snapshot._oms_period_start(
                period_type, current - relativedelta(days=1)
            )
            starts |= {current, previous}
        snapshots = Snapshot.search(
            [
                ("company_id", "in", targets.company_id.ids),
                ("metric", "in", list(set(targets.mapped("metric")))),
                ("period_start", "in", list(starts)),
            ]
        )
        by_key = {
            (t.metric, t.dimension or False, t.company_id, t.period_type): t
            for t in targets
        }
        red = []
        for snapshot in snapshots:
            target = by_key.get(
                (
                    snapshot.metric,
                    snapshot.dimension or False,
                    snapshot.company_id,
                    snapshot.period_type,
                )
            )
            if not target:
                continue
            # A rate over too small a sample says nothing: never a breach.
            status = (
                target._oms_status(snapshot.value)
                if snapshot.enough_data
                else "no_data"
            )
            if snapshot.status != status or snapshot.target_id != target:
                snapshot.write({"status": status, "target_id": target.id})
            if status == "red":
                red.append(snapshot)
        return self.env["oms.kpi.breach"]._oms_record(red)

    def _oms_alert(self, breach):
        """Activity for the responsible user and a post in the OMS channel."""
        self.ensure_one()
        snapshot = breach.snapshot_id
        summary = self.env._(
            "KPI breach: %(target)s at %(value).2f (red beyond %(red).2f)",
            target=self.name,
            value=snapshot.value,
            red=self.red_threshold,
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary[:100],
            note=self.env._(
                "Period %(start)s - %(end)s. Open the KPI trends to see the orders "
                "behind the figure.",
                start=snapshot.period_start,
                end=snapshot.period_end,
            ),
            user_id=self.user_id.id,
        )
        channel = self.env.ref("oms_finance.oms_kpi_channel", raise_if_not_found=False)
        if channel:
            # The channel is the OMS's own broadcast: posted as the system.
            channel.sudo().message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    summary,
                    self.env._(
                        "%(company)s, period %(start)s - %(end)s; "
                        "responsible: %(user)s",
                        company=self.company_id.name,
                        start=snapshot.period_start,
                        end=snapshot.period_end,
                        user=self.user_id.name,
                    ),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
