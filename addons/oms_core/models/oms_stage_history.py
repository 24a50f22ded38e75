# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL

from .sale_order import OMS_STAGES

_logger = logging.getLogger(__name__)


class OmsStageHistory(models.Model):
    """One row per stage an order entered: who moved it, when, and how long
    it stayed (the source of cycle times)."""

    _name = "oms.stage.history"
    _description = "OMS Stage History"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    stage = fields.Selection(OMS_STAGES, required=True, index=True)
    previous_stage = fields.Selection(OMS_STAGES)
    user_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    date_start = fields.Datetime(required=True, default=fields.Datetime.now)
    date_end = fields.Datetime(index=True)
    duration_hours = fields.Float(
        compute="_compute_duration_hours",
        store=True,
        aggregator="avg",
        help="Time spent in the stage; for the current stage, up to its last "
        "recompute.",
    )
    notified = fields.Boolean(
        help="Stage-change rules (emails) have run for this entry.",
        index=True,
    )

    @api.depends("date_start", "date_end")
    def _compute_duration_hours(self):
        for entry in self:
            if entry.date_end:
                delta = entry.date_end - entry.date_start
                entry.duration_hours = delta.total_seconds() / 3600.0
            else:
                entry.duration_hours = 0.0

    def _claim_unnotified(self, limit):
        """Lock a batch of pending entries, skipping those another worker
        holds, so two concurrent runs never send the same email twice."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM oms_stage_history WHERE notified IS NOT TRUE "
                "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                limit,
            )
        )
        return self.browse([row[0] for row in rows])

    @api.model
    def _cron_notify_stage_changes(self, limit=500):
        """Run the ``stage`` rules (emails) for stage entries not yet handled.

        Idempotent: an entry is flagged once its rules ran. The rules are
        matched once for the whole batch; each order's actions then run in
        their own savepoint, and a failure goes to the fallout queue instead
        of stopping the batch.
        """
        entries = self._claim_unnotified(limit)
        # Only the stage an order is still in is announced.
        orders = entries.filtered(lambda e: e.order_id.oms_stage == e.stage).order_id
        matches = orders._oms_match_rules("stage")
        for order in orders:
            order_matches = [
                (rule, order) for rule, matched in matches if order in matched
            ]
            if not order_matches:
                continue
            order = order.with_company(order.company_id)
            try:
                with self.env.cr.savepoint():
                    order._oms_execute_matches(order_matches)
            except Exception as error:  # pylint: disable=broad-except
                _logger.exception("OMS stage notification failed for %s", order.name)
                self.env["oms.fallout"]._report(order, "notification", error)
        entries.notified = True
        return len(entries)
