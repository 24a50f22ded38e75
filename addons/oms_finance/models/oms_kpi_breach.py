# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsKpiBreach(models.Model):
    """A KPI target missed (red) in one period: recorded once, so the
    responsible user and the channel hear of it once."""

    _name = "oms.kpi.breach"
    _description = "OMS KPI Breach"
    _order = "period_start desc, id desc"
    _rec_name = "target_id"

    target_id = fields.Many2one(
        "oms.kpi.target", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="target_id.company_id", store=True)
    metric = fields.Selection(related="target_id.metric", store=True)
    user_id = fields.Many2one(related="target_id.user_id", store=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    snapshot_id = fields.Many2one("oms.kpi.snapshot", ondelete="set null")
    value = fields.Float(digits=(16, 2), help="The figure when the breach was found.")
    red_threshold = fields.Float(digits=(16, 2))

    _sql_constraints = [
        (
            "target_period_unique",
            "unique(target_id, period_start)",
            "A target is breached once per period.",
        )
    ]

    @api.model
    def _oms_record(self, snapshots):
        """Record and alert the breaches of ``snapshots`` (red figures, with
        their target) not recorded yet."""
        if not snapshots:
            return self.browse()
        snapshots = self.env["oms.kpi.snapshot"].union(*snapshots)
        known = {
            (breach.target_id, breach.period_start)
            for breach in self.search(
                [
                    ("target_id", "in", snapshots.target_id.ids),
                    ("period_start", "in", list(set(snapshots.mapped("period_start")))),
                ]
            )
        }
        new = [s for s in snapshots if (s.target_id, s.period_start) not in known]
        breaches = self.create(
            [
                {
                    "target_id": snapshot.target_id.id,
                    "period_start": snapshot.period_start,
                    "period_end": snapshot.period_end,
                    "snapshot_id": snapshot.id,
                    "value": snapshot.value,
                    "red_threshold": snapshot.target_id.red_threshold,
                }
                for snapshot in new
            ]
        )
        for breach in breaches:
            breach.target_id._oms_alert(breach)
        return breaches

    def action_view_orders(self):
        self.ensure_one()
        return self.snapshot_id.action_view_orders()
