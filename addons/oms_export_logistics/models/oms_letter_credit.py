# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

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
    partial_shipment = fields.Boolean(string="Partial Shipments Allowed")
    transshipment = fields.Boolean(string="Transshipment Allowed")
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

    def _get_amount_bounds(self):
        self.ensure_one()
        margin = self.amount * self.tolerance / 100.0
        return self.amount - margin, self.amount + margin

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
        after the credit's expiry (UCP 600 art. 14 c)."""
        self.ensure_one()
        deadline = shipment_date + timedelta(days=self.presentation_days)
        return min(deadline, self.expiry_date)

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
        """What forbids any presentation under this credit: it must be open,
        unexpired today and on the sent date, and keep the amount drawn by
        all its live presentations within the credit."""
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
        _low, high = self._get_amount_bounds()
        drawn = self.amount_presented + self._get_drawn_amount(shipment)
        if float_compare(drawn, high, precision_rounding=self.currency_id.rounding) > 0:
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
        """Every discrepancy of presenting ``shipment``'s documents on the
        date ``today`` (the sent date of the presentation; today by
        default)."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        return [
            *self._check_shipment_date(shipment),
            *self._check_amount(shipment),
            *self._check_presentation_deadline(shipment, today),
            *self._check_documents(shipment),
            *self._check_partial_shipment(shipment),
        ]

    def _check_shipment_date(self, shipment):
        shipment_date = self._get_shipment_date(shipment)
        if not shipment_date:
            return [self.env._("The shipment has no on-board (B/L) date.")]
        if shipment_date > self.latest_shipment_date:
            return [
                self.env._(
                    "Shipped on %(shipped)s, after the latest shipment date "
                    "%(latest)s.",
                    shipped=shipment_date,
                    latest=self.latest_shipment_date,
                )
            ]
        return []

    def _check_amount(self, shipment):
        amount = self._get_drawn_amount(shipment)
        low, high = self._get_amount_bounds()
        rounding = self.currency_id.rounding
        if (
            float_compare(amount, low, precision_rounding=rounding) < 0
            or float_compare(amount, high, precision_rounding=rounding) > 0
        ):
            return [
                self.env._(
                    "The invoice amount %(amount).2f %(currency)s is outside the "
                    "credit amount %(credit).2f within %(tolerance)s%% "
                    "(%(low).2f to %(high).2f).",
                    amount=amount,
                    currency=self.currency_id.name,
                    credit=self.amount,
                    tolerance=self.tolerance,
                    low=low,
                    high=high,
                )
            ]
        return []

    def _check_presentation_deadline(self, shipment, today):
        messages = []
        if today > self.expiry_date:
            messages.append(
                self.env._("The letter of credit expired on %s.", self.expiry_date)
            )
        shipment_date = self._get_shipment_date(shipment)
        if shipment_date:
            deadline = self._get_presentation_deadline(shipment_date)
            if today > deadline:
                messages.append(
                    self.env._("The presentation deadline %s has passed.", deadline)
                )
        return messages

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

    def _check_partial_shipment(self, shipment):
        if self.partial_shipment or not self.sale_order_ids:
            return []
        other_shipments = self.shipment_ids - shipment
        partial = other_shipments.filtered(lambda s: s.state != "cancelled") or (
            self._is_partial_shipment(shipment)
        )
        if partial:
            return [
                self.env._(
                    "Partial shipments are not allowed under letter of credit %s.",
                    self.name,
                )
            ]
        return []
