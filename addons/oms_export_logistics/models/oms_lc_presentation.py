# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

PRESENTATION_STATES = [
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("paid", "Paid"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
# Presentations that still count: a refused or cancelled one may be replaced.
LIVE_PRESENTATION_STATES = ("sent", "accepted", "paid")


class OmsLcPresentation(models.Model):
    """A dispatch of a shipment's documents to the bank under a letter of
    credit, followed from courier to payment.

    Created only by the bank submission (:meth:`_submit`, reached from the
    shipment's ``_submit_to_bank``), which checks the credit; its status,
    dates and amount change only through the buttons below."""

    _name = "oms.lc.presentation"
    _description = "Letter of Credit Bank Submission"
    _inherit = ["mail.thread", "oms.state.guard.mixin"]
    _order = "sent_date desc, id desc"
    _check_company_auto = True
    _oms_guarded_fields = (
        "state",
        "letter_credit_id",
        "shipment_id",
        "bank_id",
        "sent_date",
        "accepted_date",
        "paid_date",
        "amount",
        "presentation_date",
        "examination_id",
        "with_discrepancies",
        "discrepancy_comment",
    )

    letter_credit_id = fields.Many2one(
        "oms.letter.credit",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="shipment_id.company_id", store=True, index=True
    )
    bank_id = fields.Many2one("res.partner", string="Bank", required=True)
    courier_reference = fields.Char(tracking=True)
    sent_date = fields.Date(required=True, default=fields.Date.context_today)
    # The bank judges the deadlines on the day it receives the documents.
    presentation_date = fields.Date(
        string="Presented On",
        compute="_compute_presentation_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The day the bank receives the documents: the presentation "
        "deadline and the expiry are judged on it (UCP 600 art. 14 c, 6 d).",
    )
    examination_due_date = fields.Date(
        string="Bank Examines By",
        compute="_compute_examination_due_date",
        store=True,
        help="Five banking days after the presentation: the bank's time to "
        "examine the documents and notify any refusal (UCP 600 art. 14 b, "
        "16 d), on the company's working calendar.",
    )
    examination_id = fields.Many2one(
        "oms.lc.examination", readonly=True, index="btree_not_null", copy=False
    )
    discrepancy_ids = fields.One2many(related="examination_id.discrepancy_ids")
    with_discrepancies = fields.Boolean(
        string="Sent with Discrepancies",
        readonly=True,
        copy=False,
        help="Sent on purpose with the discrepancies listed, asking the "
        "applicant to waive them.",
    )
    discrepancy_comment = fields.Text(readonly=True, copy=False)
    accepted_date = fields.Date(tracking=True)
    maturity_date = fields.Date(tracking=True)
    paid_date = fields.Date(tracking=True)
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="letter_credit_id.currency_id")
    state = fields.Selection(
        PRESENTATION_STATES,
        default="sent",
        required=True,
        tracking=True,
        copy=False,
    )

    def init(self):
        super().init()
        # The belt under the locked check of _submit_to_bank: one live
        # presentation per shipment and credit, whatever the snapshot.
        # Duplicates recorded before the check existed must be refused or
        # cancelled first; until then the index waits and the check holds.
        self.env.cr.execute(
            SQL(
                "SELECT 1 FROM oms_lc_presentation "
                "WHERE state NOT IN ('refused', 'cancelled') "
                "GROUP BY letter_credit_id, shipment_id HAVING count(*) > 1 LIMIT 1"
            )
        )
        if self.env.cr.fetchone():
            _logger.warning(
                "Some shipments have several live bank submissions under the "
                "same letter of credit: refuse or cancel the extra ones, then "
                "update the module to add the index oms_lc_presentation_live_uniq."
            )
            return
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS oms_lc_presentation_live_uniq "
                "ON oms_lc_presentation (letter_credit_id, shipment_id) "
                "WHERE state NOT IN ('refused', 'cancelled')"
            )
        )

    # COMPUTE METHODS

    @api.depends("sent_date")
    def _compute_presentation_date(self):
        for presentation in self:
            if not presentation.presentation_date:
                presentation.presentation_date = presentation.sent_date

    @api.depends("presentation_date", "letter_credit_id")
    def _compute_examination_due_date(self):
        for presentation in self:
            credit = presentation.letter_credit_id
            presentation.examination_due_date = (
                presentation.presentation_date
                and credit
                and credit._add_banking_days(presentation.presentation_date, 5)
            )

    # CONSTRAINT METHODS

    @api.constrains("with_discrepancies", "discrepancy_comment", "examination_id")
    def _check_discrepancy_comment(self):
        for presentation in self:
            discrepant = presentation.examination_id.result == "discrepant"
            if (discrepant or presentation.with_discrepancies) and not (
                presentation.with_discrepancies
                and (presentation.discrepancy_comment or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Bank submission of %s has discrepancies: it is sent "
                        "with them only on purpose, with a comment.",
                        presentation.shipment_id.name,
                    )
                )

    @api.constrains("sent_date", "accepted_date", "maturity_date", "paid_date")
    def _check_dates(self):
        for presentation in self:
            dates = [
                presentation.sent_date,
                presentation.presentation_date,
                presentation.accepted_date,
                presentation.paid_date,
            ]
            known = [date for date in dates if date]
            if known != sorted(known) or (
                presentation.maturity_date
                and presentation.accepted_date
                and presentation.maturity_date < presentation.accepted_date
            ):
                raise ValidationError(
                    self.env._(
                        "Bank submission of %s: dates out of order (sent, "
                        "presented, accepted, maturity, paid).",
                        presentation.shipment_id.name,
                    )
                )

    # CRUD

    @api.model
    def _oms_create_presentation(self, vals):
        """Create a presentation from the shipment's bank submission, which
        checked the rights and the credit first: its links, dates and amount
        are guarded fields no client may set."""
        # A refusal earlier in this transaction must reach the unique index
        # of live presentations before the new row does.
        self.flush_model(["state"])
        presentation = self.sudo().create(vals)
        return presentation.sudo(False)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Bank submissions are never deleted: mark them refused or "
                    "cancelled."
                )
            )

    # PUBLIC ACTIONS

    def action_accept(self):
        return self._oms_set_state(
            "accepted", ("sent",), accepted_date=fields.Date.context_today(self)
        )

    def action_paid(self):
        self._oms_set_state(
            "paid", ("accepted",), paid_date=fields.Date.context_today(self)
        )
        self.letter_credit_id._oms_mark_utilised()
        return True

    def action_refuse(self):
        return self._oms_set_state("refused", ("sent", "accepted"))

    def action_cancel(self):
        return self._oms_set_state("cancelled", ("sent",))

    # BUSINESS METHODS: SUBMISSION

    @api.model
    def _get_submission_blockers(self, shipment, sent_date):
        """What forbids presenting the documents of ``shipment`` sent to the
        bank on ``sent_date``, even with discrepancies: the goods not on
        board, a presentation already made, mandatory documents missing,
        the credit not open or expired (see ``_get_discrepancies`` for what
        the bank would find in the documents)."""
        shipment.ensure_one()
        messages = []
        if not shipment._oms_is_on_board():
            messages.append(
                self.env._(
                    "The goods of %s are not on board: documents are presented "
                    "after shipment.",
                    shipment.name,
                )
            )
        credit = shipment.letter_credit_id
        live = shipment.lc_presentation_ids.filtered(
            lambda p: (
                p.letter_credit_id == credit and p.state in LIVE_PRESENTATION_STATES
            )
        )
        if live:
            messages.append(
                self.env._(
                    "The documents of %(shipment)s were already presented on "
                    "%(date)s: refuse or cancel that bank submission first.",
                    shipment=shipment.name,
                    date=live[:1].sent_date,
                )
            )
        missing = shipment.document_ids.filtered(
            lambda d: d.mandatory and d.state == "required"
        )
        if missing:
            messages.append(
                self.env._(
                    "Mandatory documents missing: %s",
                    ", ".join(missing.mapped("name")),
                )
            )
        if credit:
            messages += credit._get_presentation_blockers(shipment, sent_date)
        return messages

    @api.model
    def _check_submission(self, shipment, sent_date):
        messages = self._get_submission_blockers(shipment, sent_date)
        if messages:
            raise UserError(
                self.env._(
                    "%(shipment)s cannot be submitted to the bank:\n%(messages)s",
                    shipment=shipment.name,
                    messages="\n".join(f"- {message}" for message in messages),
                )
            )

    @api.model
    def _check_discrepancies(self, shipment, discrepancies, comment):
        """Documents with discrepancies go to the bank only on purpose:
        with a comment (asking the applicant to waive them)."""
        if not discrepancies or (comment or "").strip():
            return
        raise UserError(
            self.env._(
                "The documents of %(shipment)s have discrepancies; send them "
                "with discrepancies and a comment, or correct them:\n%(list)s",
                shipment=shipment.name,
                list="\n".join(
                    f"- {line}"
                    for line in self.env["oms.lc.examination"]._format_discrepancies(
                        discrepancies
                    )
                ),
            )
        )

    @api.model
    def _prepare_submission_vals(
        self, shipment, bank, courier_reference, sent_date, presentation_date=False
    ):
        credit = shipment.letter_credit_id
        return {
            "letter_credit_id": credit.id,
            "shipment_id": shipment.id,
            "bank_id": bank.id,
            "courier_reference": courier_reference,
            "sent_date": sent_date,
            "presentation_date": presentation_date or sent_date,
            "amount": credit._get_drawn_amount(shipment),
        }

    @api.model
    def _submit(
        self,
        shipment,
        courier_reference=False,
        sent_date=False,
        presentation_date=False,
        discrepancy_comment=False,
    ):
        """Record the dispatch of the documents of ``shipment`` to the bank
        and email them, once examined as the bank would on
        ``presentation_date`` (the sent date by default). Documents with
        discrepancies are sent only with ``discrepancy_comment``.

        The credit, then the shipment, are locked before anything is checked:
        of two users submitting the same shipment at once, the second waits,
        then fails to serialize (the first changed the credit's presented
        amount) and its retry sees the first presentation."""
        shipment.ensure_one()
        shipment.check_access("write")
        if not shipment.letter_credit_id:
            raise UserError(
                self.env._(
                    "Shipment %s is not under a letter of credit.", shipment.name
                )
            )
        credit = shipment.letter_credit_id
        credit._oms_lock()
        shipment._oms_lock()
        shipment.invalidate_recordset(["lc_presentation_ids", "letter_credit_id"])
        if shipment.letter_credit_id != credit:
            raise UserError(
                self.env._(
                    "The letter of credit of %s changed meanwhile: try again.",
                    shipment.name,
                )
            )
        shipment._generate_documents()
        sent_date = sent_date or fields.Date.context_today(self)
        presentation_date = presentation_date or sent_date
        if presentation_date < sent_date:
            raise UserError(
                self.env._(
                    "The bank cannot receive the documents of %s before they are sent.",
                    shipment.name,
                )
            )
        self._check_submission(shipment, sent_date)
        bank = shipment._get_party_partner("bank")
        if not bank:
            raise UserError(
                self.env._("Shipment %s has no bank to submit to.", shipment.name)
            )
        Examination = self.env["oms.lc.examination"]
        discrepancies = Examination._examine_shipment(
            credit, shipment, presentation_date
        )
        self._check_discrepancies(shipment, discrepancies, discrepancy_comment)
        examination = Examination._oms_create_examination(
            credit, shipment, presentation_date, discrepancies
        )
        vals = self._prepare_submission_vals(
            shipment, bank, courier_reference, sent_date, presentation_date
        )
        vals["examination_id"] = examination.id
        if examination.result == "discrepant":
            vals.update(
                with_discrepancies=True, discrepancy_comment=discrepancy_comment
            )
        presentation = self._oms_create_presentation(vals)
        if presentation.with_discrepancies:
            presentation._oms_log_discrepancies()
        shipment.document_ids.filtered("attachment_id")._send_to(shipment, bank)
        return presentation

    def _oms_log_discrepancies(self):
        """The discrepancies and the comment they are sent with, in the
        chatter of the submission and of the shipment."""
        for presentation in self:
            body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                self.env._("Sent to the bank with discrepancies:"),
                Markup().join(
                    Markup("<li>%s</li>") % line
                    for line in presentation.examination_id._format_discrepancies()
                ),
                presentation.discrepancy_comment,
            )
            # Internal notes: the bank gets the documents by their own email.
            presentation.message_post(body=body, subtype_xmlid="mail.mt_note")
            presentation.shipment_id.message_post(
                body=body, subtype_xmlid="mail.mt_note"
            )

    # BUSINESS METHODS: STATUS

    def _oms_set_state(self, new_state, from_states, **vals):
        """Move the presentations from ``from_states`` to ``new_state``,
        checked on the locked rows: a second press is refused."""
        self.check_access("write")
        self._oms_lock()
        wrong = self.filtered(lambda p: p.state not in from_states)
        if wrong:
            labels = dict(PRESENTATION_STATES)
            raise UserError(
                self.env._(
                    "Bank submissions of %(shipments)s cannot become %(state)s "
                    "from their current status (%(current)s).",
                    shipments=", ".join(wrong.shipment_id.mapped("name")),
                    state=labels[new_state],
                    current=", ".join({labels[p.state] for p in wrong}),
                )
            )
        self._oms_transition_write({"state": new_state, **vals})
        for presentation in self:
            presentation._message_log(
                body=self.env._(
                    "Status set to %s.", dict(PRESENTATION_STATES)[new_state]
                )
            )
        return True
