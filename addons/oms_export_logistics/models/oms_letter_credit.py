# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class OmsLetterCredit(models.Model):
    """A documentary letter of credit (UCP 600) the customer's bank opened
    for the company, and the checks a presentation must pass."""

    _name = "oms.letter.credit"
    _description = "Letter of Credit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "expiry_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="LC Number", required=True, tracking=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    applicant_id = fields.Many2one(
        "res.partner", string="Applicant", required=True, tracking=True
    )
    beneficiary_id = fields.Many2one(
        "res.company",
        string="Beneficiary",
        compute="_compute_beneficiary_id",
        help="The company the credit is opened for.",
    )
    issuing_bank_id = fields.Many2one("res.partner", required=True, tracking=True)
    advising_bank_id = fields.Many2one(
        "res.partner",
        tracking=True,
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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open"),
            ("utilised", "Utilised"),
            ("expired", "Expired"),
            ("closed", "Closed"),
        ],
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

    # CONSTRAINT METHODS

    @api.constrains("latest_shipment_date", "expiry_date", "presentation_days")
    def _check_dates(self):
        for credit in self:
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

    # PUBLIC ACTIONS

    def action_open(self):
        self.filtered(lambda c: c.state == "draft").state = "open"
        return True

    def action_close(self):
        self.state = "closed"
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

    def _get_presentation_deadline(self, shipment_date):
        """Last day to present: the presentation period after shipment, never
        after the credit's expiry (UCP 600 art. 14 c)."""
        self.ensure_one()
        deadline = shipment_date + timedelta(days=self.presentation_days)
        return min(deadline, self.expiry_date)

    def _get_discrepancies(self, shipment, today=None):
        """Every discrepancy of presenting ``shipment``'s documents today."""
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
        shipment_date = shipment._get_lc_shipment_date()
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
        amount = shipment._get_lc_amount(self.currency_id)
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
        shipment_date = shipment._get_lc_shipment_date()
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
            shipment._is_partial_of(self.sale_order_ids)
        )
        if partial:
            return [
                self.env._(
                    "Partial shipments are not allowed under letter of credit %s.",
                    self.name,
                )
            ]
        return []
