# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import dd_tariff_math

CLOCK_TYPES = [
    ("origin_detention", "Origin detention"),
    ("origin_storage", "Origin port storage"),
    ("destination_demurrage", "Destination demurrage"),
    ("destination_detention", "Destination detention"),
]


class OmsDdTariff(models.Model):
    """A carrier's demurrage or detention tariff: free time and day tiers
    for one clock, matched on carrier, port and container type (empty
    means any; the most specific tariff wins, then the sequence)."""

    _name = "oms.dd.tariff"
    _description = "Demurrage and Detention Tariff"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    carrier_id = fields.Many2one(
        "res.partner", string="Shipping Line", index=True, check_company=True
    )
    port = fields.Char(help="UN/LOCODE, e.g. DEHAM; empty: any port.")
    container_type_ids = fields.Many2many(
        "oms.container.type", string="Container Types", help="Empty: any type."
    )
    clock_type = fields.Selection(CLOCK_TYPES, required=True)
    free_days = fields.Integer(required=True, default=0)
    day_basis = fields.Selection(
        [("calendar", "Calendar days"), ("working", "Working days")],
        required=True,
        default="calendar",
        help="Working days: free time skips the calendar's weekends and "
        "public holidays.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        compute="_compute_resource_calendar_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Working week and public holidays (its global time off) of "
        "working-day tariffs; defaults to the company's calendar.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    tier_ids = fields.One2many("oms.dd.tariff.tier", "tariff_id", string="Tiers")
    clock_ids = fields.One2many("oms.dd.clock", "tariff_id", string="Clocks")

    @api.depends("company_id")
    def _compute_resource_calendar_id(self):
        for tariff in self.filtered(lambda t: not t.resource_calendar_id):
            tariff.resource_calendar_id = tariff.company_id.resource_calendar_id

    @api.constrains("free_days")
    def _check_free_days(self):
        for tariff in self:
            if tariff.free_days < 0:
                raise ValidationError(
                    self.env._("Tariff %s: free days cannot be negative.", tariff.name)
                )

    @api.constrains("day_basis", "resource_calendar_id")
    def _check_calendar(self):
        for tariff in self.filtered(lambda t: t.day_basis == "working"):
            calendar = tariff.resource_calendar_id
            if not calendar or not calendar.attendance_ids:
                raise ValidationError(
                    self.env._(
                        "Tariff %s counts working days: give it a working "
                        "calendar with working hours.",
                        tariff.name,
                    )
                )

    @api.constrains("tier_ids")
    def _check_tiers(self):
        for tariff in self:
            errors = dd_tariff_math.check_tiers(tariff._get_tiers())
            if errors:
                raise ValidationError(
                    self.env._(
                        "Tariff %(name)s: the day tiers must start on day 1 and "
                        "follow each other without gap or overlap: %(errors)s",
                        name=tariff.name,
                        errors="; ".join(errors),
                    )
                )

    def _check_has_tiers(self):
        # Not an @api.constrains: those run only for fields in the values,
        # a tariff created without tier_ids would never be checked.
        empty = self.filtered(lambda t: not t.tier_ids)
        if empty:
            raise ValidationError(
                self.env._(
                    "Tariffs %s have no day tier: give each at least one "
                    "(open-ended from day 1).",
                    ", ".join(empty.mapped("name")),
                )
            )

    # CRUD METHODS

    @api.model_create_multi
    def create(self, vals_list):
        tariffs = super().create(vals_list)
        tariffs._check_has_tiers()
        return tariffs

    def write(self, vals):
        if "tier_ids" not in vals:
            return super().write(vals)
        # Tiers replaced in one write (delete, then create) are checked
        # once all commands ran, not by each deleted tier.
        res = super(
            OmsDdTariff, self.with_context(oms_dd_tariff_tier_write=True)
        ).write(vals)
        self._check_has_tiers()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        # Clocks of every company count: sudo only counts them.
        used = self.sudo().clock_ids.tariff_id
        if used:
            raise UserError(
                self.env._(
                    "Tariffs %s priced D&D clocks: archive them instead of "
                    "deleting them.",
                    ", ".join(used.mapped("name")),
                )
            )

    # BUSINESS METHODS

    def _get_tiers(self):
        """``[(from_day, to_day, rate), ...]`` for :mod:`dd_tariff_math`."""
        self.ensure_one()
        return [(t.from_day, t.to_day, t.rate) for t in self.tier_ids]

    def _get_specificity(self):
        """How specific the tariff is: the more criteria set, the better."""
        self.ensure_one()
        return bool(self.carrier_id) + bool(self.port) + bool(self.container_type_ids)

    def _matches(self, clock_type, carrier, port, container_type, company):
        self.ensure_one()
        return (
            self.clock_type == clock_type
            and self.company_id == company
            and (not self.carrier_id or self.carrier_id == carrier)
            and (not self.port or (port or "").upper() == self.port.upper())
            and (
                not self.container_type_ids or container_type in self.container_type_ids
            )
        )

    def _select_for(self, clock_type, carrier, port, container_type, company):
        """The best tariff of ``self`` for these criteria (may be empty):
        the most specific match, then the lowest sequence."""
        # Not an oms.rule on purpose: tariffs are a keyed price list (carrier,
        # port, container type; the most specific wins) like Odoo's
        # pricelist items, chosen by keys rather than by a domain.
        candidates = self.filtered(
            lambda t: t._matches(clock_type, carrier, port, container_type, company)
        )
        if not candidates:
            return self.browse()
        return max(
            candidates,
            key=lambda t: (t._get_specificity(), -t.sequence, -t.id),
        )

    def _get_working_day_function(self, holidays):
        """``callable(date) -> bool`` for working-day tariffs (None on
        calendar days): the calendar's week less its public holidays.

        :param holidays: from :meth:`_get_holidays`
        """
        self.ensure_one()
        if self.day_basis != "working":
            return None
        calendar = self.resource_calendar_id
        days_off = holidays.get(calendar.id, set())
        return lambda day: day not in days_off and calendar._works_on_date(day)

    def _get_holidays(self, first_day, last_day):
        """``{calendar id: set of dates}``: public holidays (leaves of the
        calendar or of all calendars, not of one resource) of the tariffs'
        calendars, in one query."""
        calendars = self.resource_calendar_id
        result = {calendar.id: set() for calendar in calendars}
        if not calendars:
            return result
        leaves = self.env["resource.calendar.leaves"].search_read(
            [
                ("resource_id", "=", False),
                "|",
                ("calendar_id", "in", calendars.ids),
                ("calendar_id", "=", False),
                ("date_from", "<=", fields.Datetime.to_datetime(last_day)),
                ("date_to", ">=", fields.Datetime.to_datetime(first_day)),
            ],
            ["calendar_id", "date_from", "date_to"],
        )
        for leave in leaves:
            day = leave["date_from"].date()
            days = set()
            while day <= leave["date_to"].date():
                days.add(day)
                day = fields.Date.add(day, days=1)
            targets = (
                [leave["calendar_id"][0]] if leave["calendar_id"] else list(result)
            )
            for calendar_id in targets:
                result[calendar_id] |= days
        return result
