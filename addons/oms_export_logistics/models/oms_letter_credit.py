# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

LC_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("utilised", "Utilised"),
    ("expired", "Expired"),
    ("closed", "Closed"),
]


class OmsLetterCredit(models.Model):
    """A documentary letter of credit (UCP 600) the customer's bank opened
    for the company, and the checks a presentation must pass."""

    _name = "oms.letter.credit"
    _description = "Letter of Credit"
    _inherit = ["mail.thread", "mail.activity.mixin", "oms.state.guard.mixin"]
    _order = "expiry_date desc, id desc"
    _check_company_auto = True
    # Opened and closed by its buttons, utilised only by a paid presentation.
    _oms_guarded_fields = ("state",)

    name = fields.Char(string="LC Number", required=True, tracking=True, copy=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    applicant_id = fields.Many2one(
        "res.partner",
        string="Applicant",
        required=True,
        tracking=True,
        check_company=True,
    )
    beneficiary_id = fields.Many2one(
        "res.company",
        string="Beneficiary",
        compute="_compute_beneficiary_id",
        help="The company the credit is opened for.",
    )
    issuing_bank_id = fields.Many2one(
        "res.partner", required=True, tracking=True, check_company=True
    )
    advising_bank_id = fields.Many2one(
        "res.partner",
        tracking=True,
        check_company=True,
        help="The bank the documents are presented to; the issuing bank if empty.",
    )
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    tolerance = fields.Float(
        string="Tolerance (%)",
        help="The drawn amount may differ from the credit amount by this "
        "percentage, up or down.",
    )
    latest_shipment_date = fields.Date(required=True, tracking=True)
    expiry_date = fields.Date(required=True, tracking=True)
    presentation_days = fields.Integer(
        string="Presentation Period (days)",
        default=21,
        help="Days after the shipment (B/L) date within which documents must "
        "be presented; 21 when the credit is silent (UCP 600 art. 14 c).",
    )
    amount_about = fields.Boolean(
        string="About the Amount",
        help='The credit says "about" or "approximately" the amount: '
        "10 % more or less is allowed (UCP 600 art. 30 a).",
    )
    # UCP 600 art. 31 a and 20 c: allowed unless the credit prohibits them.
    partial_shipment = fields.Boolean(
        string="Partial Shipments Allowed",
        default=True,
        help="Partial drawings and shipments are allowed unless the credit "
        "prohibits them (UCP 600 art. 31 a).",
    )
    transshipment = fields.Boolean(
        string="Transshipment Allowed",
        default=True,
        help="Unless the credit prohibits it; even then a bill of lading may "
        "show transshipment of goods in containers (UCP 600 art. 20 c).",
    )
    # What the credit states, which the documents may not conflict with.
    goods_description = fields.Text(
        help="The goods as the credit describes them (field 45A): the "
        "commercial invoice must correspond (UCP 600 art. 18 c).",
    )
    goods_quantity = fields.Float(digits="Product Unit of Measure")
    quantity_about = fields.Boolean(
        string="About the Quantity",
        help='"About" or "approximately" the quantity: 10 % more or '
        "less (UCP 600 art. 30 a).",
    )
    goods_in_bulk = fields.Boolean(
        string="Quantity Not in Units",
        help="The quantity is not stated in packing units or items (bulk): "
        "5 % more or less is allowed (UCP 600 art. 30 b).",
    )
    port_loading = fields.Char(string="Port of Loading (44E)")
    port_discharge = fields.Char(string="Port of Discharge (44F)")
    required_consignee = fields.Char(
        string="Consignee on Transport Document",
        help='As the credit requires it, e.g. "To the order of" the issuing bank.',
    )
    insurance_percent = fields.Float(
        string="Insurance Cover (%)",
        default=110.0,
        help="Minimum insured value in % of the CIF or CIP value; 110 when "
        "the credit is silent (UCP 600 art. 28 f ii).",
    )
    document_type_ids = fields.Many2many(
        "oms.export.document.type", string="Required Documents"
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "oms_letter_credit_sale_order_rel",
        "letter_credit_id",
        "order_id",
        string="Orders",
        check_company=True,
    )
    shipment_ids = fields.One2many(
        "oms.export.shipment", "letter_credit_id", string="Shipments"
    )
    presentation_ids = fields.One2many(
        "oms.lc.presentation", "letter_credit_id", string="Bank Submissions"
    )
    amount_presented = fields.Monetary(
        compute="_compute_amount_presented",
        store=True,
        help="Amount drawn by the bank submissions not refused or cancelled.",
    )
    state = fields.Selection(
        LC_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A letter of credit number must be unique per company.",
        ),
        ("amount_positive", "CHECK(amount > 0)", "The credit amount must be positive."),
        (
            "tolerance_range",
            "CHECK(tolerance >= 0 AND tolerance < 100)",
            "The tolerance is a percentage between 0 and 100.",
        ),
        (
            "insurance_percent_min",
            "CHECK(insurance_percent >= 100)",
            "The insurance cover is at least 100 % of the CIF or CIP value.",
        ),
        (
            "goods_quantity_positive",
            "CHECK(goods_quantity >= 0)",
            "The quantity of goods cannot be negative.",
        ),
    ]

    # COMPUTE METHODS

    @api.depends("company_id")
    def _compute_beneficiary_id(self):
        for credit in self:
            credit.beneficiary_id = credit.company_id

    # Stored, so that every presentation writes the credit's row: a second
    # submission running at once then fails to lock it (see _submit_to_bank).
    @api.depends("presentation_ids.amount", "presentation_ids.state")
    def _compute_amount_presented(self):
        for credit in self:
            credit.amount_presented = sum(
                credit.presentation_ids.filtered(
                    lambda p: p.state not in ("refused", "cancelled")
                ).mapped("amount")
            )

    # CONSTRAINT METHODS

    @api.constrains("latest_shipment_date", "expiry_date", "presentation_days")
    def _check_dates(self):
        for credit in self:
            if not (credit.latest_shipment_date and credit.expiry_date):
                raise ValidationError(
                    self.env._(
                        "Letter of credit %s needs its latest shipment date and "
                        "its expiry date.",
                        credit.name,
                    )
                )
            if credit.latest_shipment_date > credit.expiry_date:
                raise ValidationError(
                    self.env._(
                        "Letter of credit %s: the latest shipment date is after "
                        "the expiry date.",
                        credit.name,
                    )
                )
            if credit.presentation_days <= 0:
                raise ValidationError(
                    self.env._(
                        "Letter of credit %s: the presentation period must be "
                        "positive.",
                        credit.name,
                    )
                )

    # CRUD

    def write(self, vals):
        # Refused before anything reaches the cache: an emptied date would
        # otherwise only fail at flush, as a database error.
        emptied = [
            fname
            for fname in ("latest_shipment_date", "expiry_date")
            if fname in vals and not vals[fname]
        ]
        if emptied:
            raise ValidationError(
                self.env._(
                    "Letters of credit %(credits)s need their latest shipment "
                    "date and their expiry date.",
                    credits=", ".join(self.mapped("name")),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        """A credit with shipments and bank submissions is history: it is
        closed or archived, never deleted (only the superuser may)."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Letters of credit are never deleted: close or archive them."
                )
            )

    # PUBLIC ACTIONS

    def action_open(self):
        return self._oms_set_state("open", ("draft",))

    def action_close(self):
        return self._oms_set_state("closed", ("open", "utilised", "expired"))

    # BUSINESS METHODS: TRANSITIONS

    def _oms_set_state(self, new_state, from_states):
        """Move the credits from ``from_states`` to ``new_state``, checked on
        the locked rows; anything else is refused (a second press too)."""
        self.check_access("write")
        self._oms_lock()
        wrong = self.filtered(lambda c: c.state not in from_states)
        if wrong:
            labels = dict(LC_STATES)
            raise UserError(
                self.env._(
                    "Letters of credit %(credits)s cannot become %(state)s from "
                    "their current status.",
                    credits=", ".join(f"{c.name} ({labels[c.state]})" for c in wrong),
                    state=labels[new_state],
                )
            )
        self._oms_transition_write({"state": new_state})
        for credit in self:
            credit._message_log(
                body=self.env._("Status set to %s.", dict(LC_STATES)[new_state])
            )
        return True

    # BUSINESS METHODS

    def _get_bank(self):
        """The bank the documents go to."""
        self.ensure_one()
        return self.advising_bank_id or self.issuing_bank_id

    def _get_amount_tolerance(self):
        """Percentage the drawing may exceed the amount by: 10 for "about"
        (UCP 600 art. 30 a), else the credit's own tolerance."""
        self.ensure_one()
        return max(self.tolerance, 10.0) if self.amount_about else self.tolerance

    def _get_amount_bounds(self, short_allowed=False):
        """``(low, high)`` drawing within the tolerance; ``short_allowed``:
        the full quantity is shipped, so 5 % less is allowed too (art. 30 c)."""
        self.ensure_one()
        tolerance = self._get_amount_tolerance()
        short = max(tolerance, 5.0) if short_allowed else tolerance
        return self.amount * (1 - short / 100), self.amount * (1 + tolerance / 100)

    def _get_quantity_bounds(self):
        """``(low, high)`` quantity: 10 % for "about", 5 % for goods not
        counted in units (UCP 600 art. 30 a, 30 b), else exact."""
        self.ensure_one()
        tolerance = 10.0 if self.quantity_about else 5.0 if self.goods_in_bulk else 0
        margin = self.goods_quantity * tolerance / 100.0
        return self.goods_quantity - margin, self.goods_quantity + margin

    # BUSINESS METHODS: BANKING DAYS

    def _get_banking_days(self, start, days):
        """``{date: bank open}`` from ``start`` for ``days`` days: the
        company's working calendar with its public holidays, else Monday to
        Friday."""
        self.ensure_one()
        dates = [start + timedelta(days=n) for n in range(days + 1)]
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return {date: date.weekday() < 5 for date in dates}
        closed = calendar._get_unusual_days(
            datetime.combine(start, time.min),
            datetime.combine(dates[-1], time.max),
            self.company_id,
        )
        return {date: not closed.get(fields.Date.to_string(date)) for date in dates}

    def _get_next_banking_day(self, date):
        """``date``, or the next banking day when the bank is closed on it
        (UCP 600 art. 29 a)."""
        open_days = self._get_banking_days(date, 31)
        return next((day for day, is_open in open_days.items() if is_open), date)

    def _add_banking_days(self, date, count):
        """The ``count``-th banking day after ``date`` (the day of
        presentation itself does not count, UCP 600 art. 14 b)."""
        open_days = self._get_banking_days(date + timedelta(days=1), count * 3 + 31)
        found = [day for day, is_open in open_days.items() if is_open]
        return found[count - 1] if len(found) >= count else False

    # BUSINESS METHODS

    def _get_shipment_date(self, shipment):
        """The shipment date of UCP 600: the on-board date of the B/L or
        AWB, else the day ``shipment`` went on board."""
        if shipment.bl_date:
            return shipment.bl_date
        if shipment.date_on_board:
            return fields.Datetime.context_timestamp(
                shipment, shipment.date_on_board
            ).date()
        return False

    def _get_drawn_amount(self, shipment):
        """The invoice value of ``shipment`` in the credit's currency."""
        self.ensure_one()
        return shipment._get_document_currency()._convert(
            shipment._get_document_amount(),
            self.currency_id,
            shipment.company_id,
            shipment.bl_date or fields.Date.context_today(shipment),
        )

    def _is_partial_shipment(self, shipment):
        """Whether ``shipment`` carries only part of the credit's orders."""
        self.ensure_one()
        orders = self.sale_order_ids
        if orders - shipment.sale_order_ids:
            return True
        if not shipment.picking_ids:
            return False
        other = orders.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )
        return bool(other - shipment.picking_ids)

    def _get_presentation_deadline(self, shipment_date):
        """Last day to present: the presentation period after shipment, never
        after the credit's expiry (UCP 600 art. 14 c), moved to the next
        banking day when the bank is closed on it (art. 29 a)."""
        self.ensure_one()
        deadline = shipment_date + timedelta(days=self.presentation_days)
        return self._get_next_banking_day(min(deadline, self.expiry_date))

    def _oms_mark_utilised(self):
        """A paid presentation uses the open credits up: at once when
        partial shipments are not allowed, else once the payments reach the
        credit amount (within the tolerance). Called only by the
        presentation's paid transition, which checked its own state."""
        self._oms_lock()
        open_credits = self.filtered(lambda c: c.state == "open")
        used_up = open_credits.filtered(lambda c: c._oms_is_used_up())
        used_up._oms_transition_write({"state": "utilised"})
        for credit in used_up:
            credit._message_log(
                body=self.env._("Status set to %s.", dict(LC_STATES)["utilised"])
            )

    def _oms_is_used_up(self):
        self.ensure_one()
        if not self.partial_shipment:
            return True
        paid = sum(
            self.presentation_ids.filtered(lambda p: p.state == "paid").mapped("amount")
        )
        low, _high = self._get_amount_bounds()
        return (
            float_compare(paid, low, precision_rounding=self.currency_id.rounding) >= 0
        )

    def _get_presentation_blockers(self, shipment, sent_date):
        """What forbids any presentation under this credit, even with
        discrepancies: it must be open, unexpired today, the documents
        ready, and the live presentations within the credit."""
        self.ensure_one()
        messages = []
        if self.state != "open":
            messages.append(
                self.env._(
                    "Letter of credit %(credit)s is %(state)s: only an open "
                    "credit takes presentations.",
                    credit=self.name,
                    state=dict(LC_STATES)[self.state],
                )
            )
        today = fields.Date.context_today(self)
        if today > self.expiry_date and sent_date <= self.expiry_date:
            # The sent date after expiry is reported with the discrepancies.
            messages.append(
                self.env._(
                    "Letter of credit %(credit)s expired on %(date)s: nothing "
                    "can be presented under it any more.",
                    credit=self.name,
                    date=self.expiry_date,
                )
            )
        shipment_date = self._get_shipment_date(shipment)
        if shipment_date and sent_date < shipment_date:
            messages.append(
                self.env._(
                    "The documents cannot be sent on %(sent)s, before the "
                    "shipment date %(shipped)s.",
                    sent=sent_date,
                    shipped=shipment_date,
                )
            )
        messages += self._check_documents(shipment)
        _low, high = self._get_amount_bounds()
        drawn = self.amount_presented + self._get_drawn_amount(shipment)
        # One drawing over the credit is a discrepancy the applicant may
        # waive (art. 18 b); drawing past what earlier ones left is refused.
        if self.amount_presented and (
            float_compare(drawn, high, precision_rounding=self.currency_id.rounding) > 0
        ):
            messages.append(
                self.env._(
                    "Presenting %(shipment)s would draw %(drawn).2f %(currency)s "
                    "in all, more than the credit allows (%(high).2f).",
                    shipment=shipment.name,
                    drawn=drawn,
                    currency=self.currency_id.name,
                    high=high,
                )
            )
        return messages

    def _get_discrepancies(self, shipment, today=None):
        """What the bank would find wrong in ``shipment``'s documents
        presented on ``today`` (today by default)."""
        self.ensure_one()
        found = self.env["oms.lc.examination"]._examine_shipment(self, shipment, today)
        return [discrepancy["description"] for discrepancy in found]

    def _check_documents(self, shipment):
        documents = shipment.document_ids
        ready = documents.filtered(lambda d: d.state in ("verified", "sent"))
        required_types = (
            self.document_type_ids | documents.filtered("mandatory").document_type_id
        )
        missing = required_types - ready.document_type_id
        if missing:
            return [
                self.env._(
                    "Documents missing or not verified: %s",
                    ", ".join(missing.mapped("name")),
                )
            ]
        return []
