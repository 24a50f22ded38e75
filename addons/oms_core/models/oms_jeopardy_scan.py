# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import logging
import math
from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import float_compare

from ..tools.db_errors import raise_if_db_conflict
from .sale_order import JEOPARDY_LEVELS, JEOPARDY_RANK

_logger = logging.getLogger(__name__)


class OmsJeopardyScan(models.Model):
    """One run of the jeopardy scan over the open order lines of a company.

    The scan refreshes the lines' projected dates, delays and stage ages in
    batches that never split an order, then runs the jeopardy rules on them
    (``sale.order.line._oms_rule_execute_jeopardy`` sets the levels and has
    orders escalated here). The record is the run's log: lines scanned,
    levels changed, how long it took, whether a batch failed.

    Idempotent: values and levels are only written when they change, and an
    order is escalated once per level.
    """

    _name = "oms.jeopardy.scan"
    _inherit = ["oms.scan.run.mixin"]
    _description = "Jeopardy scan"

    line_count = fields.Integer(string="Lines Scanned", readonly=True)
    changed_count = fields.Integer(
        string="Levels Changed",
        readonly=True,
        help="Lines whose jeopardy level this run changed.",
    )
    failed_line_count = fields.Integer(
        string="Lines Failed",
        readonly=True,
        help="Lines of the batches that failed and were skipped (see the server "
        "log); the next run scans them again.",
    )
    rule_signature = fields.Char(
        readonly=True,
        help="Digest of the jeopardy rules when the run started: a run whose "
        "rules differ from the last run's scans every open line again.",
    )

    # BUSINESS METHODS: runs

    @api.model
    def _run(self, lines=None, batch_size=1000):
        """Scan the open order lines due (or all of ``lines``), one run per
        company, in that company (rule domains are evaluated in the lines'
        company).

        Steady state: a line scanned today is due again tomorrow, or as soon
        as something the scan reads of it changes
        (``oms_jeopardy_next_check``); when a company's jeopardy rules
        changed since its last run, all its open lines are due.

        :returns: the scan records, one per company
        """
        today = fields.Date.context_today(self)
        signatures = {}
        if lines is None:
            signatures = self._get_rule_signatures()
            domain = self._get_due_scan_domain(today, signatures)
        else:
            domain = [("id", "in", lines.ids)]
        batches_by_company = self._get_batches(domain, batch_size)
        if not batches_by_company and lines is None:
            # Nothing due: the log still shows that the scan ran.
            batches_by_company = {self.env.company: []}
        scans = self.browse()
        for company, batches in batches_by_company.items():
            scans |= self.with_company(company)._run_company(
                company, batches, today, signatures.get(company.id)
            )
        return scans.with_env(self.env)

    @api.model
    def _run_company(self, company, batches, today=None, rule_signature=None):
        """Scan ``batches`` (lists of line ids) of ``company``, each batch in
        a savepoint: a failing batch is logged and the scan goes on; its lines
        stay due. Lines a concurrent transaction holds are skipped (they stay
        due too).

        :returns: the scan record
        """
        today = today or fields.Date.context_today(self)
        scan, started = self._oms_start_run(company, today)
        Line = self.env["sale.order.line"]
        counts = defaultdict(int)
        for ids in batches:
            batch = Line.browse(ids)
            try:
                with self.env.cr.savepoint():
                    batch = batch._oms_jeopardy_claim()
                    # The per-batch hook of the lines, which addons extend
                    # (oms_helpdesk opens proactive tickets there).
                    changed = batch._oms_jeopardy_scan_batch(today) if batch else 0
                    batch._oms_jeopardy_set_checked(today)
                counts["line_count"] += len(batch)
                counts["changed_count"] += changed or 0
            # A database conflict is retried as a whole by the cron.
            except Exception as error:  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                _logger.exception(
                    "OMS jeopardy scan failed for %s lines of orders %s",
                    len(ids),
                    batch.order_id.mapped("name"),
                )
                counts["failed_line_count"] += len(ids)
            # Everything is flushed: keep the cache small on long scans.
            self.env.invalidate_all()
        if rule_signature:
            counts["rule_signature"] = rule_signature
        scan._oms_finish_run(started, counts, "failed_line_count")
        return scan

    @api.model
    def _get_batches(self, domain, batch_size):
        """``{company: [line ids]}``: the lines of ``domain``, per company in
        batches of about ``batch_size`` lines that never split an order (its
        level and escalation are per order). One query."""
        groups = self.env["sale.order.line"]._read_group(
            domain, ["company_id", "order_id"], ["id:array_agg"]
        )
        batches = defaultdict(list)
        pending = defaultdict(list)
        for company, _order, ids in sorted(
            groups, key=lambda group: (group[0].id, group[1].id)
        ):
            pending[company].extend(sorted(ids))
            if len(pending[company]) >= batch_size:
                batches[company].append(pending.pop(company))
        for company, ids in pending.items():
            batches[company].append(ids)
        return batches

    @api.model
    def _get_due_scan_domain(self, today, signatures):
        """Lines the scan of ``today`` looks at: those of the scan domain
        that are due, and all of them in the companies whose rules changed
        since their last run (``signatures``: ``{company id: signature}``)."""
        changed = self._get_rules_changed_company_ids(signatures)
        due = self.env["sale.order.line"]._oms_jeopardy_due_domain(today)
        if changed:
            due = expression.OR([due, [("company_id", "in", changed)]])
        return expression.AND([self._get_scan_domain(), due])

    @api.model
    def _get_rule_signatures(self):
        """``{company id: signature}`` of the jeopardy scan rules that apply
        in each company: a digest of their stored values, which a rule
        created, edited, archived or deleted changes. Two queries."""
        Rule = self.env["oms.rule"].sudo().with_context(active_test=False)
        fnames = sorted(
            name
            for name, field in Rule._fields.items()
            if field.store and field.column_type and name != "__last_update"
        )
        rules = Rule.search_fetch([("event", "=", "jeopardy_scan")], fnames, order="id")
        values = {rule: repr([rule[name] for name in fnames]) for rule in rules}
        signatures = {}
        for company in self.env["res.company"].sudo().search([]):
            # Rule domains are evaluated in each company: the shared rules
            # count in every company.
            digest = hashlib.sha1(usedforsecurity=False)
            for rule, value in values.items():
                if rule.company_id in (company, rule.company_id.browse()):
                    digest.update(value.encode())
            signatures[company.id] = digest.hexdigest()
        return signatures

    @api.model
    def _get_rules_changed_company_ids(self, signatures):
        """Ids of the companies of ``signatures`` whose rule signature differs
        from the one their last run recorded. One query."""
        self.flush_model(["company_id", "rule_signature"])
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (company_id) company_id, rule_signature
              FROM oms_jeopardy_scan
             WHERE rule_signature IS NOT NULL
             ORDER BY company_id, id DESC
            """
        )
        last = dict(self.env.cr.fetchall())
        return sorted(
            company_id
            for company_id, signature in signatures.items()
            if last.get(company_id) != signature
        )

    @api.model
    def _cron_run(self):
        self._run()
        return True

    # BUSINESS METHODS: one batch of lines

    @api.model
    def _get_line_domain(self):
        """Goods lines of confirmed orders: the lines jeopardy is about."""
        return [
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("is_downpayment", "=", False),
            ("is_delivery", "=", False),
            ("product_id.type", "=", "consu"),
        ]

    @api.model
    def _get_scan_domain(self):
        """Lines a full scan looks at: goods lines of confirmed orders not
        fully delivered, and the lines still flagged, to clear them once
        closed."""
        return expression.OR(
            [
                expression.AND(
                    [
                        self._get_line_domain(),
                        [("order_id.delivery_status", "!=", "full")],
                    ]
                ),
                [("oms_jeopardy_level", "!=", "none")],
            ]
        )

    @api.model
    def _scan_batch(self, lines, today):
        """Scan one batch of ``lines``: projected dates, delays and stage
        ages, then the jeopardy rules; lines closed or matched by no rule go
        back to none.

        :returns: the number of lines whose level changed
        """
        before = dict(zip(lines.ids, lines.mapped("oms_jeopardy_level"), strict=True))
        open_lines = self._filter_open(lines)
        self._write_levels(lines - open_lines, {})
        self._write_grouped(self._get_line_values(open_lines, today))
        matches = open_lines._oms_apply_rules("jeopardy_scan")
        if not any(rule.rule_type == "jeopardy" for rule, _lines in matches):
            self._write_levels(open_lines, {})
        self._reset_escalation(lines.order_id)
        return sum(1 for line in lines if line.oms_jeopardy_level != before[line.id])

    @api.model
    def _filter_open(self, lines):
        """The lines of ``lines`` still to be delivered."""
        return lines.filtered_domain(self._get_line_domain()).filtered(
            lambda line: (
                float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding or 0.01,
                )
                < 0
            )
        )

    @api.model
    def _get_reference_promise(self, line):
        """The date ``line`` is measured against: its promise, else the
        order's commitment date or Odoo's expected date."""
        if line.oms_promised_date:
            return line.oms_promised_date
        return fields.Date.context_today(
            line, line.order_id.commitment_date or line._expected_date()
        )

    @api.model
    def _get_open_move_data(self, lines):
        """``{line id: (latest scheduled date, quantity reserved or picked)}``
        of the open deliveries of ``lines``, in one query."""
        groups = self.env["stock.move"]._read_group(
            [
                ("sale_line_id", "in", lines.ids),
                ("state", "not in", ("done", "cancel")),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["sale_line_id"],
            ["date:max", "quantity:sum"],
        )
        return {line.id: (date_max, quantity) for line, date_max, quantity in groups}

    @api.model
    def _get_short_line_ids(self, lines, move_data):
        """Ids of the ``lines`` whose quantity still to reserve is not
        covered by the free stock of their warehouse. Free stock is read once
        per warehouse and handed out by promised date."""
        short = set()
        storable = lines.filtered(lambda line: line.product_id.is_storable)
        for warehouse, wh_lines in storable.grouped("warehouse_id").items():
            products = wh_lines.product_id.with_context(warehouse_id=warehouse.id)
            free = {product.id: product.free_qty for product in products}
            for line in wh_lines.sorted(
                lambda line: (self._get_reference_promise(line) or date.max, line.id)
            ):
                product = line.product_id
                reserved = move_data.get(line.id, (False, 0.0))[1]
                remaining = line.product_uom_qty - line.qty_delivered - reserved
                need = line.product_uom._compute_quantity(
                    max(remaining, 0.0), product.uom_id
                )
                rounding = product.uom_id.rounding
                if float_compare(need, 0.0, precision_rounding=rounding) <= 0:
                    continue
                available = free[product.id]
                if float_compare(available, need, precision_rounding=rounding) < 0:
                    short.add(line.id)
                free[product.id] = max(available - need, 0.0)
        return short

    @api.model
    def _get_line_values(self, lines, today):
        """``{line: values}`` of the projected date, delay and stage age.

        Projected date: the latest scheduled date of the open deliveries
        (not before today), else today plus the customer lead time; when the
        stock is short, not before today plus the replenishment lead time.
        Computed for the whole recordset with a bounded number of queries.
        """
        move_data = self._get_open_move_data(lines)
        short_ids = self._get_short_line_ids(lines, move_data)
        values = {}
        for line in lines:
            move_date = move_data.get(line.id, (False, 0.0))[0]
            if move_date:
                projected = max(fields.Date.context_today(line, move_date), today)
            else:
                projected = today + timedelta(days=math.ceil(line.customer_lead or 0.0))
            if line.id in short_ids:
                lead = math.ceil(line._oms_get_replenishment_lead_days())
                projected = max(projected, today + timedelta(days=lead))
            promised = self._get_reference_promise(line)
            entered = line.order_id.oms_stage_entered_on
            age = 0
            if entered:
                age = (today - fields.Date.context_today(line, entered)).days
            values[line] = {
                "oms_projected_date": projected,
                "oms_delay_days": (projected - promised).days if promised else 0,
                "oms_stage_age_days": max(age, 0),
            }
        # A line waiting for its supply (a purchase or manufacturing order,
        # from the bridges) ships no earlier than that supply is due: late
        # supply makes the line late.
        for line, supply_date in lines._oms_get_supply_dates().items():
            line_values = values.get(line)
            if not line_values or supply_date <= line_values["oms_projected_date"]:
                continue
            promised = self._get_reference_promise(line)
            line_values["oms_projected_date"] = supply_date
            line_values["oms_delay_days"] = (
                (supply_date - promised).days if promised else 0
            )
        return values

    @api.model
    def _write_grouped(self, values):
        """Write ``{line: vals}``, skipping the lines whose values do not
        change. The writes are gathered in the cache and flushed together,
        one UPDATE per batch however many distinct values."""
        for line, vals in values.items():
            changed = {
                fname: value for fname, value in vals.items() if line[fname] != value
            }
            if changed:
                line.write(changed)

    @api.model
    def _write_levels(self, lines, levels):
        """Set the jeopardy level of each of ``lines`` from ``levels``
        (``{line: level}``, default none), one write per level."""
        by_level = defaultdict(list)
        for line in lines:
            level = levels.get(line, "none")
            if line.oms_jeopardy_level != level:
                by_level[level].append(line.id)
        for level, ids in by_level.items():
            lines.browse(ids).write({"oms_jeopardy_level": level})

    # BUSINESS METHODS: escalation

    @api.model
    def _get_escalation_managers(self):
        # Group membership is configuration: read it whatever the user's rights.
        return self.env.ref("oms_core.group_oms_manager").sudo().users

    @api.model
    def _get_escalation_user(self, order, managers):
        """Who is told about ``order`` in jeopardy: its salesperson, else an
        OMS manager of its company (``managers``: the OMS managers)."""
        if order.user_id.active:
            return order.user_id
        manager = managers.filtered(
            lambda user: (
                user.active
                and not user.share
                and not user._is_superuser()
                and order.company_id in user.company_ids
            )
        ).sorted("id")[:1]
        return manager.with_env(order.env) or order.env.user

    @api.model
    def _prepare_escalation_activity_vals(self, order, level, activity_type, managers):
        levels = dict(JEOPARDY_LEVELS)
        return {
            "res_model_id": self.env["ir.model"]._get_id("sale.order"),
            "res_id": order.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": self.env._("Order in jeopardy: %s", levels[level]),
            "note": self.env._(
                "Lines of order %(order)s are late against their promised date "
                "(jeopardy %(level)s). Check the projected dates and tell the "
                "customer.",
                order=order.name,
                level=levels[level],
            ),
            "user_id": self._get_escalation_user(order, managers).id,
            "date_deadline": fields.Date.context_today(order),
        }

    @api.model
    def _escalate(self, order_levels):
        """Schedule one to-do per order of ``order_levels`` (``{order:
        level}``) that reached a level higher than it was escalated at, so a
        re-scan never duplicates an escalation.

        :returns: the activities created
        """
        to_escalate = {
            order: level
            for order, level in order_levels.items()
            if JEOPARDY_RANK[level] > JEOPARDY_RANK[order.oms_escalated_level or "none"]
        }
        if not to_escalate:
            return self.env["mail.activity"]
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        managers = self._get_escalation_managers()
        # The to-do itself tells the assignee (activity list, bus): no email
        # per activity from a batch job.
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    self._prepare_escalation_activity_vals(
                        order, level, activity_type, managers
                    )
                    for order, level in to_escalate.items()
                ]
            )
        )
        by_level = defaultdict(list)
        for order, level in to_escalate.items():
            by_level[level].append(order.id)
        for level, ids in by_level.items():
            self.env["sale.order"].browse(ids).oms_escalated_level = level
        return activities

    @api.model
    def _reset_escalation(self, orders):
        """Orders of ``orders`` out of jeopardy may be escalated again later."""
        orders.filtered(
            lambda order: (
                order.oms_jeopardy_level == "none"
                and order.oms_escalated_level not in (False, "none")
            )
        ).oms_escalated_level = "none"
