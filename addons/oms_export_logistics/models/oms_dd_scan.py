# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.tools import split_every

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict

from .oms_dd_tariff import CLOCK_TYPES

_logger = logging.getLogger(__name__)


class OmsDdScan(models.Model):
    """One run of the daily demurrage and detention scan over the clocks of
    a company.

    The scan refreshes the clocks' amounts (``oms.dd.clock._dd_refresh``),
    warns before the last free day, posts the accruals, re-bills what the
    customer caused and settles stopped clocks, in batches: each batch runs
    in a savepoint, a failing batch is logged, queued as a fallout of the
    shipments' orders and skipped. The record is the run's log: clocks
    scanned, warned and failed, accrual entries posted, how long it took.

    Idempotent and safe to run concurrently: a clock another scan holds is
    skipped (``oms.dd.clock._dd_claim``), a warning is given once per
    threshold and an accrual is posted only for what changed.
    """

    _name = "oms.dd.scan"
    _inherit = ["oms.scan.run.mixin"]
    _description = "D&D scan"

    clock_count = fields.Integer(string="Clocks Scanned", readonly=True)
    warned_clock_count = fields.Integer(
        string="Clocks Warned",
        readonly=True,
        help="Running clocks whose last free day neared a warning threshold.",
    )
    accrual_count = fields.Integer(
        string="Accrual Entries", readonly=True, help="Journal entries posted."
    )
    failed_clock_count = fields.Integer(
        string="Clocks Failed",
        readonly=True,
        help="Clocks of the batches that failed and were skipped (see the "
        "fallouts and the server log); the next run scans them again.",
    )

    # CRUD

    # BUSINESS METHODS: runs

    @api.model
    def _run(self, clocks=None, batch_size=500, today=None):
        """Scan the clocks not settled yet (or those of ``clocks``), one run
        per company.

        :param today: the scan's day (tests, catch-up runs); default today
        :returns: the scan records (sudo: the log is the system's)
        """
        today = today or fields.Date.context_today(self)
        Clock = self.env["oms.dd.clock"]
        # Only the clocks due: a second run the same day re-examines what
        # changed since the first, whatever the number of clocks.
        domain = Clock._dd_scan_due_domain(today)
        if clocks is not None:
            domain = [("id", "in", clocks.ids), *domain]
        groups = Clock._read_group(domain, ["company_id"], ["id:array_agg"])
        if not groups and clocks is None:
            # Nothing to scan: the log still shows that the scan ran.
            groups = [(self.env.company, [])]
        scans = self.sudo().browse()
        for company, clock_ids in groups:
            scans |= self._run_company(
                company or self.env.company, sorted(clock_ids), batch_size, today
            )
        return scans

    @api.model
    def _run_company(self, company, clock_ids, batch_size, today):
        """Scan the clocks ``clock_ids`` of ``company`` by batches.

        :returns: the scan record
        """
        scan, started = self._oms_start_run(company, today)
        Clock = self.env["oms.dd.clock"]
        counts = defaultdict(int)
        for ids in split_every(batch_size, clock_ids):
            batch_counts = self._scan_clocks(Clock.browse(ids), today)
            if batch_counts is None:
                counts["failed_clock_count"] += len(ids)
            else:
                for key, value in batch_counts.items():
                    counts[key] += value
            # Everything is flushed: keep the cache small on long scans.
            self.env.invalidate_all()
        scan._oms_finish_run(started, counts, "failed_clock_count")
        return scan

    @api.model
    def _scan_clocks(self, clocks, today):
        """Scan ``clocks`` (one batch) in a savepoint; a failure is logged
        and queued as a fallout of the shipments' orders.

        :returns: the batch's counts (``clock_count``: the clocks scanned,
            those another scan holds are skipped), None when it failed
        """
        try:
            with self.env.cr.savepoint():
                # The scan is system work (the cron runs as root, a fallout
                # retry as the user asking): it writes guarded charges.
                claimed = clocks.sudo()._dd_claim()
                counts = self.sudo()._scan_batch(claimed, today) if claimed else {}
            return {"clock_count": len(claimed), **counts}
        except Exception as error:  # pylint: disable=broad-except
            # A database conflict is retried as a whole by the cron.
            raise_if_db_conflict(self.env, error)
            _logger.exception(
                "D&D scan failed for clocks %s to %s", clocks.ids[:1], clocks.ids[-1:]
            )
            self.env.invalidate_all()
            orders = clocks.shipment_id.sale_order_ids
            if orders:
                self.env["oms.fallout"]._report(orders, "dd_scan", error)
            return None

    @api.model
    def _scan_batch(self, clocks, today):
        """Refresh, warn, accrue, re-bill and settle ``clocks``.

        :returns: the counts of the batch for the log
        """
        clocks._dd_refresh(today)
        warned = self._warn(clocks, today)
        moves = self._post_accruals(clocks, today)
        stopped = clocks.filtered(lambda clock: not clock.running)
        stopped.filtered(
            lambda clock: (
                clock.company_id.dd_auto_rebill and clock.company_id.dd_product_id
            )
        )._dd_get_rebillable()._dd_rebill()
        # Settled once stopped and fully accrued (accounts may be missing).
        stopped.filtered(
            lambda clock: (
                not clock.currency_id.compare_amounts(
                    clock.accrued_amount, clock._dd_get_accrual_target()
                )
            )
        ).dd_done = True
        clocks._dd_set_scanned(today)
        return {"warned_clock_count": len(warned), "accrual_count": len(moves)}

    # BUSINESS METHODS: warnings

    @api.model
    def _warn(self, clocks, today):
        """One to-do activity per shipment for its clocks nearing their last
        free day; each clock is warned once per threshold.

        :returns: the clocks warned
        """
        to_warn = defaultdict(lambda: clocks.browse())
        for clock in clocks:
            threshold = clock._dd_get_warning_threshold(today)
            if threshold:
                clock.warned_threshold = threshold
                to_warn[clock.shipment_id] |= clock
        if not to_warn:
            return clocks.browse()
        model = self.env["ir.model"]._get_id("oms.export.shipment")
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        # One activity per shipment: Odoo subscribes the assignee once per
        # created batch, two activities of one record would clash there.
        self.env["mail.activity"].sudo().create(
            [
                self._prepare_warning_activity(
                    shipment_clocks, shipment, activity_type, model
                )
                for shipment, shipment_clocks in to_warn.items()
            ]
        )
        return clocks.browse().union(*to_warn.values())

    @api.model
    def _prepare_warning_activity(self, clocks, shipment, activity_type, model_id):
        last_free = min(clocks.mapped("last_free_day"))
        return {
            "res_model_id": model_id,
            "res_id": shipment.id,
            "activity_type_id": activity_type.id,
            "user_id": clocks[:1]._dd_get_responsible_user().id,
            "date_deadline": last_free,
            "summary": self.env._(
                "Free time ends %(date)s: %(clocks)s",
                date=last_free,
                clocks=", ".join(clocks.mapped("display_name")),
            ),
        }

    # BUSINESS METHODS: accruals

    @api.model
    def _post_accruals(self, clocks, today):
        """Post, per company, one journal entry for the change of what the
        company owes on ``clocks`` since the last accrual. Nothing changed,
        nothing posted: running the scan twice a day posts once.

        :returns: the entries posted
        """
        moves = self.env["account.move"]
        for company, company_clocks in clocks.grouped("company_id").items():
            targets = {
                clock: clock._dd_get_accrual_target() for clock in company_clocks
            }
            deltas = {}
            for clock, target in targets.items():
                delta = target - clock.accrued_amount
                if not clock.currency_id.is_zero(delta):
                    deltas[clock] = delta
            if not deltas:
                continue
            if not company._dd_accrual_configured():
                _logger.info("D&D accruals: %s has no journal/accounts", company.name)
                continue
            move = self.env["account.move"].create(
                self._prepare_accrual_move(company, deltas, today)
            )
            move.action_post()
            for clock in deltas:
                clock.accrued_amount = targets[clock]
                clock.last_accrual_move_id = move
            moves |= move
        return moves

    @api.model
    def _prepare_accrual_move(self, company, deltas, today):
        """An entry debiting D&D expense and crediting accrued liabilities,
        one pair of lines per currency, carrier and clock type."""
        groups = defaultdict(float)
        for clock, delta in deltas.items():
            groups[(clock.currency_id, clock.carrier_id, clock.clock_type)] += delta
        labels = dict(CLOCK_TYPES)
        lines = []
        for (currency, carrier, clock_type), amount in groups.items():
            balance = currency._convert(amount, company.currency_id, company, today)
            name = self.env._("D&D accrual: %(clock)s", clock=labels[clock_type])
            common = {
                "name": name,
                "partner_id": carrier.id,
                "currency_id": currency.id,
            }
            lines += [
                Command.create(
                    {
                        **common,
                        "account_id": company.dd_expense_account_id.id,
                        "amount_currency": amount,
                        "balance": balance,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "account_id": company.dd_accrual_account_id.id,
                        "amount_currency": -amount,
                        "balance": -balance,
                    }
                ),
            ]
        return {
            "move_type": "entry",
            "company_id": company.id,
            "journal_id": company.dd_journal_id.id,
            "date": today,
            "ref": self.env._("Demurrage and detention accrual %s", today),
            "line_ids": lines,
        }
