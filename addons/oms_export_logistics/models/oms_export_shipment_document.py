# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .oms_export_shipment import PIPELINE

# Presentations that still count: a refused or cancelled one may be replaced.
LIVE_PRESENTATION_STATES = ("sent", "accepted", "paid")


class OmsExportShipment(models.Model):
    """Documents and letter of credit of an export shipment: the checklist
    the document rules require, its gating of the pipeline, the PDFs, the
    emails to each party and the submission to the bank."""

    _inherit = "oms.export.shipment"

    document_ids = fields.One2many(
        "oms.export.document", "shipment_id", string="Documents"
    )
    document_count = fields.Integer(compute="_compute_document_count")
    documents_ready = fields.Boolean(
        compute="_compute_document_count",
        help="Every mandatory document is verified or sent.",
    )
    letter_credit_id = fields.Many2one(
        "oms.letter.credit",
        string="Letter of Credit",
        tracking=True,
        check_company=True,
        index="btree_not_null",
    )
    lc_presentation_ids = fields.One2many(
        "oms.lc.presentation", "shipment_id", string="Bank Submissions"
    )

    # COMPUTE METHODS

    @api.depends("document_ids.state", "document_ids.mandatory")
    def _compute_document_count(self):
        for shipment in self:
            shipment.document_count = len(shipment.document_ids)
            shipment.documents_ready = all(
                document.state in ("verified", "sent")
                for document in shipment.document_ids.filtered("mandatory")
            )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        shipments = super().create(vals_list)
        # The checklist is there from the start; "Update checklist" and the
        # gates refresh it when the shipment changes.
        shipments._generate_documents()
        return shipments

    # PUBLIC ACTIONS

    def action_generate_documents(self):
        self._generate_documents()
        return True

    def action_prepare_documents(self):
        """Generate the checklist, then render and attach every document
        not prepared yet."""
        self._generate_documents()
        documents = self.document_ids.filtered(
            lambda d: d.state == "required" and d.document_type_id.report_id
        )
        documents._prepare_documents()
        return True

    def action_verify_documents(self):
        self.document_ids.filtered(lambda d: d.state == "prepared").action_verify()
        return True

    def action_send_documents(self):
        """Email the documents of one party role (``oms_party_role`` in the
        context, set by the button) to that party."""
        role = self.env.context.get("oms_party_role")
        for shipment in self:
            shipment._send_documents(role)
        return True

    def action_submit_to_bank(self):
        """Check the presentation, then ask for the courier reference."""
        self.ensure_one()
        self._check_bank_submission(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Submit to bank"),
            "res_model": "oms.lc.presentation.submit",
            "view_mode": "form",
            "target": "new",
            "context": {"default_shipment_id": self.id},
        }

    # BUSINESS METHODS: CHECKLIST

    def _get_required_documents(self):
        """``{shipment: {document type: mandatory}}`` from the active document
        rules and the documents the letter of credit lists."""
        required = defaultdict(dict)
        rules = self.env["oms.export.document.rule"].search(
            [("company_id", "in", [False, *self.company_id.ids])]
        )
        for rule in rules:
            for shipment in rule._match(self):
                doc_type = rule.document_type_id
                required[shipment][doc_type] = (
                    required[shipment].get(doc_type, False) or rule.mandatory
                )
        for shipment in self.filtered("letter_credit_id"):
            for doc_type in shipment.letter_credit_id.document_type_ids:
                required[shipment][doc_type] = True
        return required

    def _generate_documents(self):
        """Add the documents the rules require and the checklist lacks.
        Idempotent: existing lines keep their progress; a line becomes
        mandatory when a rule makes it so."""
        required = self._get_required_documents()
        vals_list = []
        now_mandatory = self.env["oms.export.document"]
        if self:
            self.check_access("write")
        for shipment in self:
            existing = {d.document_type_id: d for d in shipment.document_ids}
            for doc_type, mandatory in required.get(shipment, {}).items():
                document = existing.get(doc_type)
                if not document:
                    vals_list.append(
                        {
                            "shipment_id": shipment.id,
                            "document_type_id": doc_type.id,
                            "mandatory": mandatory,
                        }
                    )
                elif mandatory and not document.mandatory:
                    now_mandatory |= document
        # The rules decide which documents are mandatory: users may not, so
        # the checklist is written past the guard, rights checked above.
        now_mandatory._oms_transition_write({"mandatory": True})
        documents = self.env["oms.export.document"].sudo().create(vals_list)
        return documents.sudo(False)

    # BUSINESS METHODS: GATING

    def _oms_document_blockers(self, new_state):
        """Going on board, and every status after it, needs every mandatory
        document gating it verified: a checklist reset after loading stops
        the shipment again."""
        if new_state not in PIPELINE[PIPELINE.index("on_board") :]:
            return []
        # A checklist never generated must not let the shipment through.
        self._generate_documents()
        messages = []
        for shipment in self:
            missing = shipment.document_ids.filtered(
                lambda d: (
                    d.mandatory
                    and d.document_type_id.gate == "on_board"
                    and d.state not in ("verified", "sent")
                )
            )
            if missing:
                messages.append(
                    self.env._(
                        "%(shipment)s cannot go on board or beyond: these "
                        "documents are not verified: %(documents)s",
                        shipment=shipment.name,
                        documents=", ".join(missing.mapped("name")),
                    )
                )
        return messages

    def _get_bank_submission_blockers(self, sent_date):
        """What forbids presenting the documents sent to the bank on
        ``sent_date``: the goods not on board, a presentation already made,
        the credit not open or expired, then every discrepancy judged on the
        sent date."""
        self.ensure_one()
        messages = []
        if not self._oms_is_on_board():
            messages.append(
                self.env._(
                    "The goods of %s are not on board: documents are presented "
                    "after shipment.",
                    self.name,
                )
            )
        credit = self.letter_credit_id
        live = self.lc_presentation_ids.filtered(
            lambda p: (
                p.letter_credit_id == credit and p.state in LIVE_PRESENTATION_STATES
            )
        )
        if live:
            messages.append(
                self.env._(
                    "The documents of %(shipment)s were already presented on "
                    "%(date)s: refuse or cancel that bank submission first.",
                    shipment=self.name,
                    date=live[:1].sent_date,
                )
            )
        missing = self.document_ids.filtered(
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
            messages += credit._get_presentation_blockers(self, sent_date)
            messages += credit._get_discrepancies(self, sent_date)
        return messages

    def _check_bank_submission(self, sent_date):
        self.ensure_one()
        messages = self._get_bank_submission_blockers(sent_date)
        if messages:
            raise UserError(
                self.env._(
                    "%(shipment)s cannot be submitted to the bank:\n%(messages)s",
                    shipment=self.name,
                    messages="\n".join(f"- {message}" for message in messages),
                )
            )

    # BUSINESS METHODS: LETTER OF CREDIT

    @api.model
    def _oms_prepare_vals_from_orders(self, orders, pickings):
        vals = super()._oms_prepare_vals_from_orders(orders, pickings)
        credit = self.env["oms.letter.credit"].search(
            [("sale_order_ids", "in", orders.ids), ("state", "=", "open")], limit=1
        )
        if credit:
            vals["letter_credit_id"] = credit.id
        return vals

    def _get_lc_shipment_date(self):
        """The shipment date of UCP 600: the on-board date of the B/L or
        AWB, else the day the shipment went on board."""
        self.ensure_one()
        if self.bl_date:
            return self.bl_date
        if self.date_on_board:
            return fields.Datetime.context_timestamp(self, self.date_on_board).date()
        return False

    def _get_document_currency(self):
        self.ensure_one()
        return self.sale_order_ids[:1].currency_id or self.company_id.currency_id

    def _get_document_amount(self):
        """The amount drawn: the posted customer invoices of the shipment's
        orders, else the orders' totals, in the orders' currency."""
        self.ensure_one()
        invoices = self.sale_order_ids.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if invoices:
            return sum(invoices.mapped("amount_total"))
        return sum(self.sale_order_ids.mapped("amount_total"))

    def _get_lc_amount(self, currency):
        self.ensure_one()
        return self._get_document_currency()._convert(
            self._get_document_amount(),
            currency,
            self.company_id,
            self.bl_date or fields.Date.context_today(self),
        )

    def _is_partial_of(self, orders):
        """Whether this shipment carries only part of ``orders``."""
        self.ensure_one()
        if orders - self.sale_order_ids:
            return True
        if not self.picking_ids:
            return False
        other = orders.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )
        return bool(other - self.picking_ids)

    def _submit_to_bank(self, courier_reference=False, sent_date=False):
        """Record the dispatch of the documents to the bank and email them.

        The credit, then the shipment, are locked before anything is checked:
        of two users submitting the same shipment at once, the second waits,
        then fails to serialize (the first changed the credit's presented
        amount) and its retry sees the first presentation."""
        self.ensure_one()
        self.check_access("write")
        if not self.letter_credit_id:
            raise UserError(
                self.env._("Shipment %s is not under a letter of credit.", self.name)
            )
        credit = self.letter_credit_id
        credit._oms_lock()
        self._oms_lock()
        self.invalidate_recordset(["lc_presentation_ids", "letter_credit_id"])
        if self.letter_credit_id != credit:
            raise UserError(
                self.env._(
                    "The letter of credit of %s changed meanwhile: try again.",
                    self.name,
                )
            )
        self._generate_documents()
        sent_date = sent_date or fields.Date.context_today(self)
        self._check_bank_submission(sent_date)
        bank = self._get_party_partner("bank")
        if not bank:
            raise UserError(
                self.env._("Shipment %s has no bank to submit to.", self.name)
            )
        presentation = self.env["oms.lc.presentation"]._oms_create_presentation(
            self._prepare_presentation_vals(bank, courier_reference, sent_date)
        )
        documents = self.document_ids.filtered("attachment_id")
        self._post_documents(bank, documents)
        return presentation

    def _prepare_presentation_vals(self, bank, courier_reference, sent_date):
        self.ensure_one()
        credit = self.letter_credit_id
        return {
            "letter_credit_id": credit.id,
            "shipment_id": self.id,
            "bank_id": bank.id,
            "courier_reference": courier_reference,
            "sent_date": sent_date,
            "amount": self._get_lc_amount(credit.currency_id),
        }

    # BUSINESS METHODS: EMAILS

    def _get_party_partner(self, role):
        """The partner documents of ``role`` go to."""
        self.ensure_one()
        if role == "customer":
            return self.partner_id
        partner = self._oms_get_party(role)
        if role == "bank" and not partner and self.letter_credit_id:
            partner = self.letter_credit_id._get_bank()
        return partner

    def _get_party_documents(self, role):
        self.ensure_one()
        return self.document_ids.filtered(
            lambda d: d.party_role == role and d.attachment_id
        )

    def _send_documents(self, role):
        self.ensure_one()
        partner = self._get_party_partner(role)
        if not partner:
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s has no %(role)s to send documents to.",
                    shipment=self.name,
                    role=dict(
                        self.env["oms.export.document.type"]
                        ._fields["party_role"]
                        ._description_selection(self.env)
                    ).get(role, role),
                )
            )
        documents = self._get_party_documents(role)
        if not documents:
            raise UserError(
                self.env._(
                    "Shipment %s has no prepared document for this party: "
                    "prepare the documents first.",
                    self.name,
                )
            )
        return self._post_documents(partner, documents)

    def _post_documents(self, partner, documents):
        """Email ``documents`` to ``partner`` from the shipment's chatter with
        their PDFs attached, and mark them sent."""
        self.ensure_one()
        template = self.env.ref("oms_export_logistics.mail_template_export_documents")
        rendered = template.with_context(
            oms_document_names=documents.mapped("name")
        )._generate_template(self.ids, ("subject", "body_html"))[self.id]
        message = self.message_post(
            body=rendered["body_html"],
            subject=rendered["subject"],
            partner_ids=partner.ids,
            attachment_ids=documents.attachment_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        documents._mark_sent(partner)
        return message

    # BUSINESS METHODS: DOCUMENT CONTENT

    def _get_document_lines(self):
        """Goods lines the documents print: the deliveries' moves when the
        shipment has deliveries, else the orders' lines."""
        self.ensure_one()
        lines = []
        moves = self.picking_ids.move_ids.filtered(lambda m: m.state != "cancel")
        if moves:
            for move in moves:
                quantity = move.quantity or move.product_uom_qty
                lines.append(
                    self._prepare_document_line(
                        move.product_id,
                        quantity,
                        move.product_uom,
                        move.sale_line_id.price_unit,
                    )
                )
            return lines
        for line in self.sale_order_ids.order_line.filtered(
            lambda line: not line.display_type and line.product_id.type == "consu"
        ):
            lines.append(
                self._prepare_document_line(
                    line.product_id,
                    line.product_uom_qty,
                    line.product_uom,
                    line.price_unit,
                )
            )
        return lines

    def _prepare_document_line(self, product, quantity, uom, price_unit):
        return {
            "product": product.display_name,
            "hs_code": product.hs_code or "",
            "quantity": quantity,
            "uom": uom.name,
            "weight": product.weight * quantity,
            "price_unit": price_unit,
            "subtotal": price_unit * quantity,
        }

    def _get_document_origin_country(self):
        self.ensure_one()
        return self.company_id.country_id

    def _get_insured_value(self):
        """CIF or CIP value plus 10 %, the minimum cover of Incoterms 2020."""
        self.ensure_one()
        return self._get_document_amount() * 1.1
