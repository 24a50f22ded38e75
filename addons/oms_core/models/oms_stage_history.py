# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.db_errors import raise_if_db_conflict
from .sale_order import OMS_STAGES

_logger = logging.getLogger(__name__)

# Failed runs after which an entry waits for a person (fallout retry).
MAX_NOTIFY_ATTEMPTS = 5


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
    notify_attempts = fields.Integer(
        help="Failed runs of the stage-change rules. The entry stays pending "
        "and is retried by the next run until the limit; the order's "
        "notification fallout then waits for a person to retry it.",
        copy=False,
    )

    @api.depends("date_start", "date_end")
    def _compute_duration_hours(self):
        for entry in self:
            if entry.date_end:
                delta = entry.date_end - entry.date_start
                entry.duration_hours = delta.total_seconds() / 3600.0
            else:
                entry.duration_hours = 0.0

    # STAGE RECORDING

    @api.model
    def _oms_record_stage_changes(self, orders):
        """Record the stage each of ``orders`` is in now where it differs from
        its open entry (which is closed), and return the new entries.

        This is the one writer of the history. ``sale.order.oms_stage`` stays
        a stored compute, so its value is right whatever changed it; the
        history is written from the explicit transition points, which call
        ``sale.order._oms_sync_stage()`` right after they act: order creation,
        confirmation, cancellation, reset to quotation, order changes and
        line edits, dispatch confirmation, holds raised or closed, stock moves
        done (deliveries, returns), invoices posted, reset or cancelled, and
        reconciliations (payments, credit notes, their undoing).

        Comparing with the open entry rather than with a value remembered by
        the ORM makes every call safe to repeat (no entry when nothing
        changed) and records two stages passed within one request, each at
        its own transition point. A transition a future flow does not hook
        loses at most an intermediate stage: the next transition point, or
        the stage notification cron (``_oms_sync_drifted``), records the stage
        reached.
        """
        # Audit trail: every user's transition is recorded, whatever their
        # rights on orders or on the history; the uid (user_id) stays theirs.
        orders = orders.sudo().filtered("id")
        if not orders:
            return self.browse()
        # Reading the stored compute recomputes it from what was just done;
        # the recorded stage comes with it, in the same row.
        candidates = orders.filtered(
            lambda o: o.oms_stage and o.oms_stage != o.oms_stage_recorded
        )
        if not candidates:
            return self.browse()
        History = self.sudo()
        open_entries = History.search(
            [("order_id", "in", candidates.ids), ("date_end", "=", False)]
        )
        latest = {}
        for entry in open_entries:  # newest first (_order)
            latest.setdefault(entry.order_id, entry)
        # An order whose open entry already says its stage only lacked the
        # bookkeeping (a database of before it): no second entry.
        changed = candidates.filtered(
            lambda o: latest.get(o, History).stage != o.oms_stage
        )
        now = fields.Datetime.now()
        open_entries.filtered(lambda e: e.order_id in changed).date_end = now
        entries = History.create(
            [
                {
                    "order_id": order.id,
                    "stage": order.oms_stage,
                    "previous_stage": latest.get(order, History).stage or False,
                    "user_id": self.env.uid,
                    "date_start": now,
                }
                for order in changed
            ]
        )
        for stage, stage_orders in candidates.grouped("oms_stage").items():
            stage_orders.oms_stage_recorded = stage
        return entries.sudo(False)

    @api.model
    def _oms_sync_drifted(self, limit=1000):
        """Record the stage of orders whose open entry is not their current
        stage: a transition that no transition point saw. Orders without any
        entry (there before the OMS was installed) are left alone.

        :returns: the new entries
        """
        self.env.flush_all()  # pending stage recomputes reach the table
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT so.id FROM sale_order so "
                "JOIN oms_stage_history h ON h.order_id = so.id "
                "AND h.date_end IS NULL "
                "WHERE h.stage IS DISTINCT FROM so.oms_stage "
                "ORDER BY so.id LIMIT %s",
                limit,
            )
        )
        orders = self.env["sale.order"].browse([row[0] for row in rows])
        return self._oms_record_stage_changes(orders)

    # STAGE NOTIFICATIONS

    def _claim_unnotified(self, limit, orders=None):
        """Lock a batch of pending entries (of ``orders`` if given), skipping
        those another worker holds, so two concurrent runs never send the
        same email twice. Entries that failed too often wait for a retry."""
        self.env.flush_all()
        order_filter = SQL()
        if orders is not None:
            order_filter = SQL("AND order_id IN %s", tuple(orders.ids) or (0,))
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM oms_stage_history WHERE notified IS NOT TRUE "
                "AND COALESCE(notify_attempts, 0) < %s %s "
                "ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                MAX_NOTIFY_ATTEMPTS,
                order_filter,
                limit,
            )
        )
        return self.browse([row[0] for row in rows])

    @api.model
    def _cron_notify_stage_changes(self, limit=500, orders=None):
        """Run the ``stage`` rules (emails) for stage entries not yet handled.

        Idempotent: an entry is flagged once its rules ran. The rules are
        matched once for the whole batch; each order's actions then run in
        their own savepoint. A business failure leaves the order's entries
        pending (counted, retried by the next run) and opens a notification
        fallout; a database conflict aborts the run, retried as a whole.

        :returns: the number of entries handled (sent, failed or skipped)
        """
        if orders is None:
            self._oms_sync_drifted()
        entries = self._claim_unnotified(limit, orders)
        # Only the stage an order is still in is announced.
        current = entries.filtered(lambda e: e.order_id.oms_stage == e.stage)
        orders = current.order_id
        matches = orders._oms_match_rules("stage")
        failed = orders.browse()
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
                raise_if_db_conflict(self.env, error)
                _logger.exception("OMS stage notification failed for %s", order.name)
                self.env["oms.fallout"]._report(order, "notification", error)
                failed |= order
        pending = current.filtered(lambda e: e.order_id in failed)
        for entry in pending:
            entry.notify_attempts += 1
        (entries - pending).notified = True
        self._oms_resolve_notification_fallouts(orders - failed)
        return len(entries)

    def _oms_resolve_notification_fallouts(self, orders):
        if orders:
            self.env["oms.fallout"].sudo().search(
                [
                    ("order_id", "in", orders.ids),
                    ("step", "=", "notification"),
                    ("state", "=", "open"),
                ]
            )._resolve()

    @api.model
    def _oms_retry_notifications(self, orders):
        """Send the pending stage emails of ``orders`` now, whatever their
        failed attempts (a person fixed the cause).

        :returns: whether nothing is left pending for these orders
        """
        pending = [("order_id", "in", orders.ids), ("notified", "=", False)]
        self.search(pending).notify_attempts = 0
        self._cron_notify_stage_changes(orders=orders)
        return not self.search_count(pending)
