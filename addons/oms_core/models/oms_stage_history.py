# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.db_errors import raise_if_db_conflict
from .sale_order import OMS_STAGES

_logger = logging.getLogger(__name__)

# Failed runs after which an entry waits for a person (fallout retry).
MAX_NOTIFY_ATTEMPTS = 5
STAGE_RANK = {stage: rank for rank, (stage, _label) in enumerate(OMS_STAGES)}


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
    def _oms_record_stage_changes(self, orders, created=False):
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

        Cost, at every stage change of an order: one statement closing its
        open entry and inserting the new one (``_oms_close_and_insert``), and
        the order's ``oms_stage_recorded`` joins the order's own UPDATE at
        flush. Orders without a recorded stage (of before the bookkeeping)
        have their open entry read back first.

        :param created: ``orders`` were just created (they have no entry yet)
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
        now = fields.Datetime.now()
        # The recorded stage is the stage of the order's open entry: where
        # every order has one, closing and opening are a single statement.
        recorded = not created and all(candidates.mapped("oms_stage_recorded"))
        if created:
            previous = {}
        elif recorded:
            previous = {order: order.oms_stage_recorded for order in candidates}
        else:
            previous = self._oms_close_open_entries(candidates, now)
        # An order without a recorded stage whose open entry already says its
        # stage (a database of before the bookkeeping) only lacked the
        # bookkeeping: no second entry.
        changed = candidates.filtered(lambda o: previous.get(o) != o.oms_stage)
        vals_list = []
        for order in changed:
            before = previous.get(order, False)
            # A milestone passed within this step (goods left an order whose
            # money was settled already) is recorded too, closed at once.
            for stage in self._oms_get_passed_stages(order, before):
                vals_list.append(
                    self._oms_prepare_entry(order, stage, before, now, now)
                )
                before = stage
            vals_list.append(
                self._oms_prepare_entry(order, order.oms_stage, before, now)
            )
        # Closing (orders with a recorded stage; the others were closed
        # above) and inserting: one statement.
        closing = candidates if recorded else candidates.browse()
        entries = History._oms_close_and_insert(closing, vals_list, now)
        self._oms_set_stage_entered_on(changed, now)
        self._oms_set_recorded_stage(candidates - changed)
        return entries.sudo(False)

    @api.model
    def _oms_close_and_insert(self, orders, vals_list, now):
        """Close the open entries of ``orders`` (if any) and insert
        ``vals_list``, in one statement (the UPDATE does not see the rows the
        INSERT adds).

        The history has no other writer and nothing overrides its
        ``create``: the INSERT sets every column ``create`` would (the
        values are complete, see ``_oms_prepare_entry``), and the cache of
        what changed is invalidated.

        :returns: the new entries
        """
        if not vals_list:
            return self.browse()
        self.flush_model()
        fnames = list(vals_list[0])
        columns = fnames + ["create_uid", "create_date", "write_uid", "write_date"]
        rows = SQL(", ").join(
            SQL(
                "(%s)",
                SQL(", ").join(
                    [
                        self._fields[fname].convert_to_column(vals[fname], self)
                        for fname in fnames
                    ]
                    + [self.env.uid, now, self.env.uid, now]
                ),
            )
            for vals in vals_list
        )
        ids = self.env.execute_query(
            SQL(
                "%(close)s INSERT INTO oms_stage_history (%(columns)s) "
                "VALUES %(rows)s RETURNING id",
                close=SQL(
                    "WITH closed AS (UPDATE oms_stage_history h SET %(closing)s "
                    "WHERE h.order_id = ANY(%(order_ids)s) AND h.date_end IS NULL)",
                    closing=self._oms_get_closing_set(now),
                    order_ids=orders.ids,
                )
                if orders
                else SQL(),
                columns=SQL(", ").join(SQL.identifier(col) for col in columns),
                rows=rows,
            )
        )
        self.invalidate_model(["date_end", "duration_hours", "write_uid", "write_date"])
        self.env["sale.order"].browse(
            {vals["order_id"] for vals in vals_list}
        ).invalidate_recordset(["oms_stage_history_ids"])
        return self.browse([row[0] for row in ids])

    @api.model
    def _oms_get_closing_set(self, now):
        """The SET clause closing an entry ``h`` at ``now``, with its
        duration (an UPDATE, not the ORM: no SELECT of the entries first)."""
        return SQL(
            "date_end = %(now)s, "
            "duration_hours = EXTRACT(EPOCH FROM %(now)s - h.date_start) / 3600, "
            "write_uid = %(uid)s, write_date = %(now)s",
            now=now,
            uid=self.env.uid,
        )

    @api.model
    def _oms_close_open_entries(self, orders, now):
        """Close the open entry of each of ``orders`` unless it already says
        the order's stage, in one statement that also returns it.

        :returns: ``{order: stage of its open entry}`` (orders without one
            are absent)
        """
        # What the ORM still holds for the history reaches the table first,
        # or a pending computed value would overwrite the one set here.
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                "UPDATE oms_stage_history h SET %(closing)s "
                "FROM unnest(%(ids)s::int[], %(stages)s::varchar[]) AS cur(id, stage) "
                "WHERE h.order_id = cur.id AND h.date_end IS NULL "
                "AND h.stage IS DISTINCT FROM cur.stage "
                "RETURNING h.order_id, h.stage, h.id",
                closing=self._oms_get_closing_set(now),
                ids=orders.ids,
                stages=orders.mapped("oms_stage"),
            )
        )
        self.invalidate_model(["date_end", "duration_hours", "write_uid", "write_date"])
        previous = {}
        # Several open entries of one order (never written so, but a database
        # could hold them): the newest says the stage it was in.
        for order_id, stage, _entry_id in sorted(rows, key=lambda row: row[2]):
            previous[orders.browse(order_id)] = stage
        unrecorded = orders.filtered(lambda o: not o.oms_stage_recorded)
        if unrecorded:
            # No recorded stage: an open entry already in the current stage
            # was not returned above; look for it (orders of before the
            # bookkeeping only).
            for entry in self.sudo().search(
                [
                    ("order_id", "in", unrecorded.ids),
                    ("date_end", "=", False),
                ]
            ):
                previous.setdefault(entry.order_id, entry.stage)
        return previous

    @api.model
    def _oms_set_stage_entered_on(self, orders, now):
        """The orders entered their stage ``now``: record it and set their
        stored "in stage since", which the new entries would otherwise have
        recomputed by reading every entry of every order again."""
        field = orders._fields["oms_stage_entered_on"]
        self.env.remove_to_compute(field, orders)
        with self.env.protecting([field], orders):
            orders.oms_stage_entered_on = now  # as a compute sets it
        # What depends on the entry date (the jeopardy next check) is told
        # here: a protected assignment does not.
        orders.modified(["oms_stage_entered_on"])
        self._oms_set_recorded_stage(orders)

    @api.model
    def _oms_set_recorded_stage(self, orders):
        """Record the stage ``orders`` are in as their recorded stage.

        Bookkeeping of this writer, set as a compute sets its values: into
        the cache, flushed with the order's own UPDATE, without the business
        logic of ``write()`` (tracking, followers, the OMS's own overrides),
        which would otherwise run at every stage change. Nothing depends on
        it."""
        field = orders._fields["oms_stage_recorded"]
        with self.env.protecting([field], orders):
            for stage, stage_orders in orders.grouped("oms_stage").items():
                stage_orders.oms_stage_recorded = stage

    @api.model
    def _oms_prepare_entry(self, order, stage, previous, date_start, date_end=False):
        duration = (date_end - date_start).total_seconds() / 3600 if date_end else 0.0
        return {
            "order_id": order.id,
            # Given, not computed in an UPDATE after the INSERT.
            "company_id": order.company_id.id,
            "stage": stage,
            "previous_stage": previous,
            "user_id": self.env.uid,
            "date_start": date_start,
            "date_end": date_end,
            # Given, not computed in an UPDATE after the INSERT.
            "duration_hours": duration,
        }

    @api.model
    def _oms_get_milestones(self):
        """Stages the customer hears of even when an order passes them
        within one step. Override to add some."""
        return ["shipped"]

    @api.model
    def _oms_get_passed_stages(self, order, previous):
        """Milestones ``order`` passed between ``previous`` and its stage now
        that no transition point saw on their own: a prepaid order invoiced
        before delivery goes from released (or in fulfilment) to closed when
        it ships, and has shipped on the way."""
        stage = order.oms_stage
        if not previous or stage == "cancelled" or previous == "cancelled":
            return []
        passed = [
            milestone
            for milestone in self._oms_get_milestones()
            if STAGE_RANK[previous] < STAGE_RANK[milestone] < STAGE_RANK[stage]
        ]
        # Lines are only read when a milestone lies between the two stages.
        if passed and not order._oms_get_deliverable_lines():
            return []  # nothing to ship, nothing shipped
        return passed

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
        matched once for the whole batch; each entry's actions then run in
        their own savepoint. A business failure leaves the entry pending
        (counted, retried by the next run) and opens a notification fallout
        on its order; a database conflict aborts the run, retried as a whole.

        :returns: the number of entries handled (sent, failed or skipped)
        """
        if orders is None:
            self._oms_sync_drifted()
        entries = self._claim_unnotified(limit, orders)
        # Every stage the order passed is announced, from its own history row
        # (an order invoiced by now still gets its "shipped" email), once: a
        # stage already announced for the order is not announced again.
        to_announce = entries - entries._oms_get_announced_before()
        orders = to_announce.order_id
        matches_by_entry = to_announce._oms_match_stage_rules()
        failed = self.browse()
        for entry in to_announce:
            entry_matches = matches_by_entry.get(entry)
            if not entry_matches:
                continue
            order = entry.order_id.with_company(entry.order_id.company_id)
            try:
                with self.env.cr.savepoint():
                    order._oms_execute_matches(entry_matches)
            except Exception as error:  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                _logger.exception("OMS stage notification failed for %s", order.name)
                self.env["oms.fallout"]._report(order, "notification", error)
                failed |= entry
        pending = failed
        for entry in pending:
            entry.notify_attempts += 1
        (entries - pending).notified = True
        self._oms_resolve_notification_fallouts(orders - failed.order_id)
        return len(entries)

    def _oms_get_announced_before(self):
        """Entries among ``self`` whose stage was already announced for their
        order (by an earlier entry, or an earlier one of ``self``)."""
        done = {
            (entry.order_id, entry.stage)
            for entry in self.search(
                [
                    ("order_id", "in", self.order_id.ids),
                    ("notified", "=", True),
                    ("id", "not in", self.ids),
                ]
            )
        }
        repeated = self.browse()
        for entry in self.sorted("id"):
            key = (entry.order_id, entry.stage)
            if key in done:
                repeated |= entry
            done.add(key)
        return repeated

    def _oms_match_stage_rules(self):
        """``{entry: [(rule, order)]}``: the ``stage`` rules matching each
        entry's order as it was in the entry's stage. The rules are read once;
        each is matched per stage against all the orders in it."""
        rules = self.order_id._oms_get_rules("stage")
        matches = {}
        for stage, entries in self.grouped("stage").items():
            entry_by_order = {entry.order_id: entry for entry in entries}
            remaining = entries.order_id
            for rule in rules:
                if not remaining:
                    break
                matched = self._oms_match_at_stage(rule, remaining, stage)
                for order in matched:
                    matches.setdefault(entry_by_order[order], []).append((rule, order))
                if rule.stop_processing:
                    remaining -= matched
        return matches

    @api.model
    def _oms_match_at_stage(self, rule, orders, stage):
        """As ``oms.rule._match``, with the rule's conditions on the OMS stage
        judged against ``stage`` instead of the order's current stage."""
        if rule.company_id:
            orders = orders.filtered(lambda o: o.company_id == rule.company_id)
        domain = [self._oms_leaf_at_stage(leaf, stage) for leaf in rule._get_domain()]
        matched = orders.filtered_domain(domain)
        if matched and rule.check_method:
            # The name comes from a Selection; only OMS checks are called.
            if not rule.check_method.startswith("_oms_check_"):
                return orders.browse()
            matched = getattr(matched, rule.check_method)(rule)
        return matched

    @api.model
    def _oms_leaf_at_stage(self, leaf, stage):
        if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3):
            return leaf
        fname, operator, value = leaf
        if fname != "oms_stage":
            return leaf
        results = {
            "=": lambda: stage == value,
            "!=": lambda: stage != value,
            "in": lambda: stage in value,
            "not in": lambda: stage not in value,
        }
        if operator not in results:
            return leaf
        return expression.TRUE_LEAF if results[operator]() else expression.FALSE_LEAF

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
