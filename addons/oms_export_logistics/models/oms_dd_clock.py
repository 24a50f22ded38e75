# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import dd_tariff_math
from .oms_dd_tariff import CLOCK_TYPES

# Container events starting and stopping each clock.
CLOCK_EVENTS = {
    "origin_detention": ("empty_pickup_date", "gate_in_date"),
    "origin_storage": ("gate_in_date", "loaded_date"),
    "destination_demurrage": ("discharge_date", "gate_out_date"),
    "destination_detention": ("gate_out_date", "empty_return_date"),
}
# The incoterm matrix item deciding who pays each clock.
CLOCK_MATRIX_ITEM = {
    "origin_detention": "loading_origin_by",
    "origin_storage": "origin_terminal_by",
    "destination_demurrage": "destination_terminal_by",
    "destination_detention": "unloading_by",
}
ORIGIN_CLOCKS = ("origin_detention", "origin_storage")
# What a clock charges is derived from container events, the tariff and the
# scan: clients read these fields, only the server's own methods set them.
GUARDED_FIELDS = (
    "container_id",
    "clock_type",
    "port",
    "start_datetime",
    "end_datetime",
    "running",
    "tariff_id",
    "free_days",
    "currency_id",
    "last_free_day",
    "chargeable_days",
    "amount",
    "projected_amount",
    "amount_company",
    "scan_date",
    "dd_done",
    "payer",
    "cause",
    "accrued_amount",
    "last_accrual_move_id",
    "warned_threshold",
    "rebill_move_id",
    "rebilled",
    "dd_next_scan",
)
CAUSES = [
    ("company", "Company"),
    ("customer", "Customer"),
    ("carrier", "Carrier"),
    ("port", "Port"),
]


class OmsDdClock(models.Model):
    """One demurrage or detention clock of a container: it runs between two
    container events, costs per its carrier tariff once free time is over,
    and is accrued, warned about and re-billed by the daily scan
    (``oms.dd.scan``, one logged run per company)."""

    _name = "oms.dd.clock"
    _inherit = ["oms.state.guard.mixin"]
    _description = "Demurrage and Detention Clock"
    _order = "container_id, id"
    _check_company_auto = True
    _oms_guarded_fields = GUARDED_FIELDS

    container_id = fields.Many2one(
        "oms.export.container", required=True, ondelete="cascade", index=True
    )
    shipment_id = fields.Many2one(
        related="container_id.shipment_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="container_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="container_id.shipment_id.partner_id", string="Customer", store=True
    )
    carrier_id = fields.Many2one(related="container_id.carrier_id", store=True)
    container_type_id = fields.Many2one(
        related="container_id.container_type_id", store=True
    )
    clock_type = fields.Selection(CLOCK_TYPES, required=True, readonly=True)
    port = fields.Char(compute="_compute_port", store=True)
    start_datetime = fields.Datetime(
        string="Started", compute="_compute_dates", store=True, index=True
    )
    end_datetime = fields.Datetime(
        string="Stopped", compute="_compute_dates", store=True
    )
    running = fields.Boolean(compute="_compute_dates", store=True, index=True)
    planned_end_date = fields.Date(
        help="When the clock is expected to stop: projections run to it."
    )
    tariff_id = fields.Many2one(
        "oms.dd.tariff",
        compute="_compute_tariff_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    free_days = fields.Integer(compute="_compute_free_days", store=True, readonly=False)
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", store=True
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    # Written by _dd_refresh (the scan, event changes).
    last_free_day = fields.Date(readonly=True)
    chargeable_days = fields.Integer(readonly=True)
    amount = fields.Monetary(readonly=True)
    projected_amount = fields.Monetary(readonly=True)
    amount_company = fields.Monetary(
        string="Amount (Company Currency)",
        currency_field="company_currency_id",
        readonly=True,
    )
    scan_date = fields.Date(string="Last Scan", readonly=True)
    dd_done = fields.Boolean(
        string="Settled",
        readonly=True,
        index=True,  # the daily scan searches the clocks not settled
        help="Stopped, final amount accrued.",
    )
    payer = fields.Selection(
        [("seller", "Seller (us)"), ("buyer", "Buyer")],
        string="Who Pays",
        compute="_compute_payer",
        store=True,
    )
    cause = fields.Selection(
        CAUSES,
        compute="_compute_cause",
        store=True,
        readonly=False,
        help="Who caused the time used: defaults to who pays; an OMS manager "
        "may set it by hand (it then stands).",
    )
    accrued_amount = fields.Monetary(readonly=True)
    last_accrual_move_id = fields.Many2one("account.move", readonly=True)
    warned_threshold = fields.Integer(
        readonly=True,
        help="Days-before-last-free-day threshold already warned about (0: none yet).",
    )
    rebill_move_id = fields.Many2one(
        "account.move", string="Re-bill Invoice", readonly=True, copy=False
    )
    rebilled = fields.Boolean(compute="_compute_rebilled", store=True)
    # The scan's bookmark: a clock it looked at waits until the next day,
    # when its charges may have grown. Any change of what its figures derive
    # from empties it (see the compute), so a second scan the same day
    # re-examines only what changed, and costs nothing when nothing did.
    dd_next_scan = fields.Date(
        string="Next Scan",
        compute="_compute_dd_next_scan",
        store=True,
        readonly=True,
        index=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "container_clock_uniq",
            "unique(container_id, clock_type)",
            "A container has one clock of each type.",
        ),
    ]

    @api.depends("container_id", "clock_type")
    def _compute_display_name(self):
        labels = dict(CLOCK_TYPES)
        for clock in self:
            clock.display_name = (
                f"{clock.container_id.name} / {labels.get(clock.clock_type)}"
            )

    @api.depends(
        "clock_type", "container_id.origin_port", "container_id.destination_port"
    )
    def _compute_port(self):
        for clock in self:
            container = clock.container_id
            clock.port = (
                container.origin_port
                if clock.clock_type in ORIGIN_CLOCKS
                else container.destination_port
            )

    @api.depends(
        "clock_type",
        *{f"container_id.{name}" for pair in CLOCK_EVENTS.values() for name in pair},
    )
    def _compute_dates(self):
        for clock in self:
            start_event, end_event = CLOCK_EVENTS[clock.clock_type]
            clock.start_datetime = clock.container_id[start_event]
            clock.end_datetime = clock.container_id[end_event]
            clock.running = bool(clock.start_datetime and not clock.end_datetime)

    @api.depends("clock_type", "carrier_id", "port", "container_type_id", "company_id")
    def _compute_tariff_id(self):
        tariffs = self.env["oms.dd.tariff"].search(
            [("company_id", "in", self.company_id.ids)]
        )
        for clock in self:
            clock.tariff_id = tariffs._select_for(
                clock.clock_type,
                clock.carrier_id,
                clock.port,
                clock.container_type_id,
                clock.company_id,
            )

    @api.depends("tariff_id.free_days")
    def _compute_free_days(self):
        for clock in self:
            clock.free_days = clock.tariff_id.free_days

    @api.depends("tariff_id.currency_id", "company_id")
    def _compute_currency_id(self):
        for clock in self:
            clock.currency_id = (
                clock.tariff_id.currency_id or clock.company_id.currency_id
            )

    @api.depends("clock_type", "shipment_id.incoterm_id")
    def _compute_payer(self):
        rules = self.env["oms.incoterm.rule"].search(
            [("incoterm_id", "in", self.shipment_id.incoterm_id.ids)]
        )
        by_incoterm = {rule.incoterm_id: rule for rule in rules}
        for clock in self:
            rule = by_incoterm.get(clock.shipment_id.incoterm_id)
            # No incoterm: the exporter deals with the carrier itself.
            item = CLOCK_MATRIX_ITEM[clock.clock_type]
            clock.payer = rule[item] if rule else "seller"

    @api.depends("payer")
    def _compute_cause(self):
        # A cause set by the user stands; only empty ones get the default.
        for clock in self.filtered(lambda c: not c.cause):
            clock.cause = "company" if clock.payer == "seller" else "customer"

    @api.depends(
        "start_datetime",
        "end_datetime",
        "running",
        "planned_end_date",
        "tariff_id",
        "tariff_id.tier_ids.from_day",
        "tariff_id.tier_ids.to_day",
        "tariff_id.tier_ids.rate",
        "free_days",
        "currency_id",
        "payer",
        "cause",
        "amount",
        "accrued_amount",
        "warned_threshold",
        "rebill_move_id",
        "dd_done",
    )
    def _compute_dd_next_scan(self):
        # Something the scan reads changed: due at the next scan. The scan
        # then sets the next day (``_dd_set_scanned``).
        self.dd_next_scan = False

    @api.depends("rebill_move_id")
    def _compute_rebilled(self):
        for clock in self:
            clock.rebilled = bool(clock.rebill_move_id)

    # CONSTRAINT METHODS

    @api.constrains("free_days")
    def _check_free_days(self):
        for clock in self:
            if clock.free_days < 0:
                raise ValidationError(
                    self.env._(
                        "Clock %s: free days cannot be negative.", clock.display_name
                    )
                )

    @api.constrains("start_datetime", "end_datetime")
    def _check_dates(self):
        for clock in self:
            if (
                clock.start_datetime
                and clock.end_datetime
                and clock.end_datetime < clock.start_datetime
            ):
                raise ValidationError(
                    self.env._(
                        "Clock %(clock)s cannot stop (%(end)s) before it starts "
                        "(%(start)s).",
                        clock=clock.display_name,
                        end=clock.end_datetime,
                        start=clock.start_datetime,
                    )
                )

    # PUBLIC ACTIONS

    def action_dd_set_cause(self, cause=None):
        """Set who caused the time used, by hand (it then stands). OMS
        managers only, and not once the clock was re-billed."""
        cause = cause or self.env.context.get("oms_dd_cause")
        if cause not in dict(CAUSES):
            raise UserError(self.env._("Choose who caused the time used."))
        if not self.env.user.has_group("oms_core.group_oms_manager"):
            raise AccessError(
                self.env._("Only OMS managers set the cause of a D&D clock.")
            )
        self.check_access("write")
        self._oms_lock()
        rebilled = self.filtered("rebill_move_id")
        if rebilled:
            raise UserError(
                self.env._(
                    "Clocks %s are re-billed already: their cause stands.",
                    ", ".join(rebilled.mapped("display_name")),
                )
            )
        self._oms_transition_write({"cause": cause})
        # Clocks have no chatter: their container keeps the trace.
        label = dict(CAUSES)[cause]
        for container, clocks in self.grouped("container_id").items():
            container.message_post(
                body=self.env._(
                    "D&D cause set to %(cause)s by hand: %(clocks)s",
                    cause=label,
                    clocks=", ".join(clocks.mapped("display_name")),
                )
            )
        return True

    def action_dd_rebill(self):
        """Invoice the customer for the charges it caused (once)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._("Only invoicing users re-bill D&D charges to customers.")
            )
        self._oms_lock()
        clocks = self._dd_get_rebillable()
        if not clocks:
            raise UserError(
                self.env._(
                    "Nothing to re-bill: select stopped clocks caused by the "
                    "customer, paid by us and not re-billed yet."
                )
            )
        invoices = clocks._dd_rebill()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        return action

    # TARIFF ARITHMETIC

    def _dd_get_context(self, today):
        """What a batch of clocks needs, read in a fixed number of queries:
        holidays of the working-day calendars and currency rates."""
        company = self.company_id[:1] or self.env.company
        starts = [c.start_datetime.date() for c in self if c.start_datetime]
        ahead = max(self.company_id.mapped("dd_projection_days") or [0])
        horizon = today + timedelta(days=ahead)
        planned = [c.planned_end_date for c in self if c.planned_end_date]
        first = min(starts, default=today)
        last = max([today, horizon, *planned])
        tariffs = self.tariff_id
        currencies = self.currency_id | self.company_id.currency_id
        return {
            "today": today,
            "holidays": tariffs._get_holidays(first, last + timedelta(days=366)),
            "rates": currencies._get_rates(company, today),
        }

    def _dd_get_values(self, today):
        """``{clock: values}``: last free day, chargeable days, amount as of
        ``today`` (or the stop), projection and company-currency amount."""
        ctx = self._dd_get_context(today)
        day_functions = {}
        result = {}
        for clock in self:
            result[clock] = clock._dd_get_clock_values(ctx, day_functions)
        return result

    def _dd_to_date(self, timestamp):
        return fields.Date.context_today(self, timestamp=timestamp)

    def _dd_get_clock_values(self, ctx, day_functions):
        self.ensure_one()
        today = ctx["today"]
        tariff = self.tariff_id
        if not self.start_datetime or not tariff:
            return {
                "last_free_day": False,
                "chargeable_days": 0,
                "amount": 0.0,
                "projected_amount": 0.0,
                "amount_company": 0.0,
                "scan_date": today,
            }
        if tariff not in day_functions:
            day_functions[tariff] = tariff._get_working_day_function(ctx["holidays"])
        start = self._dd_to_date(self.start_datetime)
        last_free = dd_tariff_math.last_free_day(
            start, self.free_days, day_functions[tariff]
        )
        end = self._dd_to_date(self.end_datetime) if self.end_datetime else today
        tiers = tariff._get_tiers()
        days = dd_tariff_math.chargeable_days(last_free, end)
        amount = self.currency_id.round(dd_tariff_math.tier_amount(days, tiers))
        projected = amount
        if self.running:
            horizon = self.planned_end_date or today + timedelta(
                days=self.company_id.dd_projection_days
            )
            projected_days = dd_tariff_math.chargeable_days(
                last_free, max(horizon, today)
            )
            projected = self.currency_id.round(
                dd_tariff_math.tier_amount(projected_days, tiers)
            )
        rates = ctx["rates"]
        company_currency = self.company_id.currency_id
        amount_company = company_currency.round(
            amount * rates[company_currency.id] / rates[self.currency_id.id]
        )
        return {
            "last_free_day": last_free,
            "chargeable_days": days,
            "amount": amount,
            "projected_amount": projected,
            "amount_company": amount_company,
            "scan_date": today,
        }

    def _dd_refresh(self, today=None):
        """Recompute the amounts of the clocks; values are assigned per
        record and flushed together (one UPDATE per column set)."""
        today = today or fields.Date.context_today(self)
        # Amounts are derived data the guard keeps from clients; event
        # changes and the scan refresh them (uid stays the caller's).
        for clock, values in self.sudo()._dd_get_values(today).items():
            for fname, value in values.items():
                if clock[fname] != value:
                    clock[fname] = value
            if clock.dd_done and (
                clock.running
                or clock.currency_id.compare_amounts(
                    clock.accrued_amount, clock._dd_get_accrual_target()
                )
            ):
                # Events were corrected after the final accrual: settle again.
                clock.dd_done = False
        return True

    def _dd_get_accrual_target(self):
        """What the company owes the carrier for the clock: its amount when
        the seller pays, nothing when the buyer does."""
        self.ensure_one()
        return self.amount if self.payer == "seller" else 0.0

    # DAILY SCAN: run and logged by oms.dd.scan

    @api.model
    def _dd_scan_domain(self):
        """Clocks the scan looks at: started and not settled."""
        return [("start_datetime", "!=", False), ("dd_done", "=", False)]

    @api.model
    def _dd_scan_due_domain(self, today):
        """Clocks the scan of ``today`` looks at: those of
        ``_dd_scan_domain`` not looked at today with nothing changed since."""
        return [
            *self._dd_scan_domain(),
            "|",
            ("dd_next_scan", "=", False),
            ("dd_next_scan", "<=", today),
        ]

    def _dd_set_scanned(self, today):
        """The scan of ``today`` is done with the clocks: next look tomorrow,
        unless something changes before."""
        # After the batch's own changes, whose recompute empties the date.
        self.flush_recordset()
        self.sudo().write({"dd_next_scan": today + timedelta(days=1)})

    def _dd_claim(self):
        """The clocks of ``self`` no other transaction is scanning, locked
        until the end of the transaction (a concurrent scan skips them)."""
        self.flush_recordset()
        self.env.cr.execute(
            "SELECT id FROM oms_dd_clock WHERE id IN %s FOR UPDATE SKIP LOCKED",
            [tuple(self.ids)],
        )
        return self.browse(sorted(row[0] for row in self.env.cr.fetchall()))

    @api.model
    def _dd_scan(self, clocks=None, batch_size=500, today=None):
        """Daily demurrage and detention scan (see ``oms.dd.scan``).

        :param today: the scan's day (tests, catch-up runs); default today
        :returns: the number of clocks scanned
        """
        scans = self.env["oms.dd.scan"]._run(
            clocks=clocks, batch_size=batch_size, today=today
        )
        return sum(scans.mapped("clock_count"))

    def _dd_scan_clocks(self, today):
        """Scan the clocks of ``self`` as one batch (a fallout's retry).

        :returns: the number of clocks scanned, None when the batch failed
        """
        counts = self.env["oms.dd.scan"]._scan_clocks(self, today)
        return None if counts is None else counts["clock_count"]

    @api.model
    def _cron_dd_scan(self):
        self._dd_scan()
        return True

    # WARNINGS: given by the scan

    def _dd_get_warning_threshold(self, today):
        """The smallest warning threshold (days before the last free day)
        the clock has reached and not been warned about yet, else 0."""
        self.ensure_one()
        if not (self.running and self.last_free_day and self.payer == "seller"):
            return 0
        days_left = (self.last_free_day - today).days
        if days_left < 0:
            return 0  # free time is over: the accruals take it from here
        thresholds = self.company_id._dd_get_warning_thresholds()
        reached = [t for t in thresholds if days_left <= t]
        if not reached:
            return 0
        threshold = min(reached)
        if self.warned_threshold and self.warned_threshold <= threshold:
            return 0
        return threshold

    def _dd_get_responsible_user(self):
        """Who gets the warning: the shipment's responsible when it has one,
        else the company's D&D responsible, else the shipment's creator."""
        self.ensure_one()
        shipment = self.shipment_id
        user = shipment["user_id"] if "user_id" in shipment._fields else False
        return user or self.company_id.dd_user_id or shipment.create_uid

    # RE-BILLING

    def _dd_get_rebillable(self):
        """Stopped clocks the company paid and the customer caused, with a
        charge, not re-billed yet."""
        return self.filtered(
            lambda clock: (
                not clock.running
                and clock.cause == "customer"
                and clock.payer == "seller"
                and not clock.rebill_move_id
                and clock.currency_id.compare_amounts(clock.amount, 0.0) > 0
            )
        )

    def _dd_rebill(self):
        """One posted customer invoice per company, customer and currency
        for the clocks of ``self``, each clock linked to its invoice."""
        invoices = self.env["account.move"]
        for (company, _partner, _currency), clocks in self.grouped(
            lambda c: (c.company_id, c.partner_id, c.currency_id)
        ).items():
            if not company.dd_product_id:
                raise UserError(
                    self.env._(
                        "Set the demurrage and detention service product of %s "
                        "in the settings to re-bill charges.",
                        company.name,
                    )
                )
            invoice = self.env["account.move"].create(
                clocks._dd_prepare_rebill_invoice()
            )
            invoice.action_post()
            clocks._oms_transition_write({"rebill_move_id": invoice.id})
            invoices |= invoice
        return invoices

    def _dd_prepare_rebill_invoice(self):
        company = self.company_id
        labels = dict(CLOCK_TYPES)
        return {
            "move_type": "out_invoice",
            "company_id": company.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": ", ".join(self.shipment_id.mapped("name")),
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": company.dd_product_id.id,
                        "name": self.env._(
                            "%(clock)s, container %(container)s: %(days)s days",
                            clock=labels[clock.clock_type],
                            container=clock.container_id.name,
                            days=clock.chargeable_days,
                        ),
                        "quantity": 1.0,
                        "price_unit": clock.amount,
                    }
                )
                for clock in self
            ],
        }

    # KPI

    @api.model
    def _dd_get_kpi(self, domain=None):
        """D&D in company currency: total, caused by the company (goal:
        zero) and its share, over the clocks of ``domain``."""
        groups = self._read_group(domain or [], ["cause"], ["amount_company:sum"])
        by_cause = {cause: amount or 0.0 for cause, amount in groups}
        total = sum(by_cause.values())
        ours = by_cause.get("company", 0.0)
        return {
            "total": total,
            "company_caused": ours,
            "company_share": 100.0 * ours / total if total else 0.0,
            "by_cause": by_cause,
        }
