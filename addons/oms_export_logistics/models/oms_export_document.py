# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from .oms_export_shipment import PIPELINE

DOCUMENT_STATES = [
    ("required", "Required"),
    ("prepared", "Prepared"),
    ("verified", "Verified"),
    ("sent", "Sent"),
]


class OmsExportDocument(models.Model):
    """One line of a shipment's document checklist: a document the rules ask
    for, and how far it got (prepared, verified, sent), with who and when."""

    _name = "oms.export.document"
    _description = "Export Shipment Document"
    _inherit = ["oms.state.guard.mixin"]
    _order = "shipment_id, sequence, id"
    _check_company_auto = True
    # What the on-board gate and the bank submission judge: changed only by
    # the checklist (mandatory) and the prepare/verify/send/reset steps.
    _oms_guarded_fields = (
        "state",
        "mandatory",
        "prepared_date",
        "prepared_by_id",
        "verified_date",
        "verified_by_id",
        "sent_date",
        "sent_by_id",
        "sent_partner_id",
        "attachment_id",
    )
    # A line never moves to another shipment or document type: its progress
    # would go with it.
    _oms_frozen_fields = ("shipment_id", "document_type_id")

    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="shipment_id.company_id", store=True, index=True
    )
    document_type_id = fields.Many2one(
        "oms.export.document.type", required=True, ondelete="restrict", index=True
    )
    name = fields.Char(related="document_type_id.name")
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    stage = fields.Selection(related="document_type_id.stage", store=True)
    party_role = fields.Selection(related="document_type_id.party_role")
    mandatory = fields.Boolean(default=True)
    state = fields.Selection(
        DOCUMENT_STATES, default="required", required=True, copy=False
    )
    prepared_date = fields.Datetime(readonly=True, copy=False)
    prepared_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    verified_date = fields.Datetime(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    sent_date = fields.Datetime(readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    sent_partner_id = fields.Many2one(
        "res.partner", string="Sent To", readonly=True, copy=False
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="PDF", readonly=True, copy=False
    )
    missing_data = fields.Char(
        compute="_compute_missing_data",
        help="What the shipment lacks for this document: it cannot be prepared before.",
    )

    _sql_constraints = [
        (
            "shipment_type_uniq",
            "unique(shipment_id, document_type_id)",
            "A shipment lists each document type once.",
        ),
    ]

    # COMPUTE METHODS

    def _compute_missing_data(self):
        missing = self._get_missing_data()
        for document in self:
            document.missing_data = ", ".join(missing.get(document, []))

    # CRUD

    def write(self, vals):
        frozen = [
            fname
            for fname in self._oms_frozen_fields
            if fname in vals and self._oms_differs(fname, vals[fname])
        ]
        if frozen and not self.env.su:
            self._oms_raise_guarded(frozen)
        return super().write(vals)

    # PUBLIC ACTIONS

    def action_prepare(self):
        """Render each document's PDF, attach it to the shipment, mark it
        prepared. Preparing again replaces the PDF with a fresh one."""
        self._prepare_documents()
        return True

    def action_verify(self):
        self._oms_check_and_lock()
        not_prepared = self.filtered(lambda d: d.state == "required")
        if not_prepared:
            raise UserError(
                self.env._(
                    "Prepare these documents before verifying them: %s",
                    ", ".join(not_prepared.mapped("name")),
                )
            )
        prepared = self.filtered(lambda d: d.state == "prepared")
        prepared._oms_transition_write(
            {
                "state": "verified",
                "verified_date": fields.Datetime.now(),
                "verified_by_id": self.env.uid,
            }
        )
        prepared._oms_log_on_shipments("verified")
        return True

    def action_reset(self):
        self._oms_check_and_lock()
        self._oms_transition_write(
            {
                "state": "required",
                "verified_date": False,
                "verified_by_id": False,
                "sent_date": False,
                "sent_by_id": False,
                "sent_partner_id": False,
            }
        )
        self._oms_log_on_shipments("reset")
        return True

    def action_print(self):
        self.ensure_one()
        report = self.document_type_id.report_id
        if not report:
            raise UserError(
                self.env._("Document type %s has no report to print.", self.name)
            )
        return report.report_action(self.shipment_id)

    # BUSINESS METHODS: CHECKLIST

    @api.model
    def _generate_checklist(self, shipments):
        """Add the documents the rules require and the checklists of
        ``shipments`` lack. Idempotent: existing lines keep their progress;
        a line becomes mandatory when a rule makes it so.

        :returns: the documents created
        """
        if not shipments:
            return self
        shipments.check_access("write")
        required = self._get_required_types(shipments)
        vals_list = []
        now_mandatory = self
        for shipment in shipments:
            existing = {d.document_type_id: d for d in shipment.document_ids}
            for doc_type, mandatory in required.get(shipment, {}).items():
                document = existing.get(doc_type)
                if not document:
                    vals_list.append(
                        self._prepare_checklist_vals(shipment, doc_type, mandatory)
                    )
                elif mandatory and not document.mandatory:
                    now_mandatory |= document
        # The rules decide which documents are mandatory: users may not, so
        # the checklist is written past the guard, rights checked above.
        now_mandatory._oms_transition_write({"mandatory": True})
        documents = self.sudo().create(vals_list)
        return documents.sudo(False)

    @api.model
    def _get_required_types(self, shipments):
        """``{shipment: {document type: mandatory}}`` from the document rules
        (event ``shipment_documents``) and the documents the letter of
        credit lists. A document is mandatory when any of them says so."""
        required = defaultdict(dict)
        if not shipments:
            return required
        rules_by_shipment = shipments._oms_rules_by_record("shipment_documents")
        for shipment, rules in rules_by_shipment.items():
            for rule in rules:
                # Rules are sudo configuration: the type is used as the caller.
                doc_type = rule.document_type_id.with_env(self.env)
                required[shipment][doc_type] = (
                    required[shipment].get(doc_type, False) or rule.document_mandatory
                )
        for shipment in shipments.filtered("letter_credit_id"):
            for doc_type in shipment.letter_credit_id.document_type_ids:
                required[shipment][doc_type] = True
        return required

    @api.model
    def _prepare_checklist_vals(self, shipment, doc_type, mandatory):
        return {
            "shipment_id": shipment.id,
            "document_type_id": doc_type.id,
            "mandatory": mandatory,
        }

    @api.model
    def _get_gate_blockers(self, shipments, new_state):
        """Going on board, and every status after it, needs every mandatory
        document gating it verified: a checklist reset after loading stops
        the shipment again."""
        if new_state not in PIPELINE[PIPELINE.index("on_board") :]:
            return []
        # A checklist never generated must not let the shipment through.
        self._generate_checklist(shipments)
        messages = []
        for shipment in shipments:
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

    # BUSINESS METHODS: PROGRESS

    def _oms_check_and_lock(self):
        """Rights on the documents, then their rows locked and re-read."""
        self.check_access("write")
        return self._oms_lock()

    def _oms_log_on_shipments(self, step):
        """Note the ``step`` (verified, reset) of these documents in the
        chatter of their shipments."""
        for shipment in self.shipment_id:
            names = ", ".join(
                self.filtered(lambda d, s=shipment: d.shipment_id == s).mapped("name")
            )
            messages = {
                "verified": self.env._("Documents verified: %s", names),
                "reset": self.env._("Documents reset to required: %s", names),
            }
            shipment._message_log(body=messages[step])

    def _get_missing_data(self):
        """``{document: [labels]}`` of the data each document's shipment
        lacks for it (see ``REQUIRED_DATA``); complete documents are left
        out."""
        checker = self.env["oms.export.document.report"]
        missing = {}
        for document in self:
            labels = checker._get_missing_data_for(
                document.document_type_id.code, document.shipment_id
            )
            if labels:
                missing[document] = labels
        return missing

    def _get_missing_data_message(self, missing):
        return "\n".join(
            self.env._(
                "%(shipment)s, %(document)s: missing %(data)s",
                shipment=document.shipment_id.name,
                document=document.name,
                data=", ".join(labels),
            )
            for document, labels in missing.items()
        )

    def _prepare_documents(self):
        self._oms_check_and_lock()
        missing = self._get_missing_data()
        if missing:
            raise UserError(
                self.env._(
                    "These documents cannot be prepared before their data is "
                    "complete:\n%s",
                    self._get_missing_data_message(missing),
                )
            )
        without_report = self.filtered(lambda d: not d.document_type_id.report_id)
        if without_report:
            raise UserError(
                self.env._(
                    "These documents have no report to print: %s",
                    ", ".join(without_report.mapped("name")),
                )
            )
        attachments = self.env["ir.attachment"].create(
            [document._prepare_attachment_vals() for document in self]
        )
        now = fields.Datetime.now()
        for document, attachment in zip(self, attachments, strict=True):
            document._oms_transition_write(
                {
                    "attachment_id": attachment.id,
                    "state": "prepared"
                    if document.state == "required"
                    else document.state,
                    "prepared_date": now,
                    "prepared_by_id": self.env.uid,
                }
            )

    def _prepare_attachment_vals(self):
        self.ensure_one()
        pdf, _report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            self.document_type_id.report_id, self.shipment_id.ids
        )
        return {
            "name": f"{self.shipment_id.name} - {self.name}.pdf",
            "type": "binary",
            "datas": base64.b64encode(pdf),
            "mimetype": "application/pdf",
            "res_model": "oms.export.shipment",
            "res_id": self.shipment_id.id,
        }

    # BUSINESS METHODS: PORTAL

    @api.model
    def _oms_get_portal_documents(self, tasks):
        """The prepared documents of the shipments of ``tasks`` that the
        types of the open or done ones grant their party (``document_type_ids``
        of the task type); a cancelled task grants nothing.

        The caller passes the tasks the portal user may read and calls this
        as superuser: the party reads neither document types nor documents.
        """
        tasks = tasks.filtered(lambda t: t.state in ("todo", "done"))
        granted = {
            (task.shipment_id.id, doc_type.id)
            for task in tasks
            for doc_type in task.task_type_id.document_type_ids
        }
        if not granted:
            return self.browse()
        documents = self.search(
            [
                ("shipment_id", "in", tasks.shipment_id.ids),
                ("document_type_id", "in", [key[1] for key in granted]),
                ("state", "!=", "required"),
                ("attachment_id", "!=", False),
            ]
        )
        return documents.filtered(
            lambda d: (d.shipment_id.id, d.document_type_id.id) in granted
        )

    @api.model
    def _send_for_party(self, shipment, role):
        """Email the prepared documents of ``shipment`` for the party
        ``role`` (customer, cha, bank...) to that party."""
        shipment.ensure_one()
        partner = shipment._get_party_partner(role)
        if not partner:
            raise UserError(
                self.env._(
                    "Shipment %(shipment)s has no %(role)s to send documents to.",
                    shipment=shipment.name,
                    role=dict(
                        self.env["oms.export.document.type"]
                        ._fields["party_role"]
                        ._description_selection(self.env)
                    ).get(role, role),
                )
            )
        documents = shipment.document_ids.filtered(
            lambda d: d.party_role == role and d.attachment_id
        )
        if not documents:
            raise UserError(
                self.env._(
                    "Shipment %s has no prepared document for this party: "
                    "prepare the documents first.",
                    shipment.name,
                )
            )
        return documents._send_to(shipment, partner)

    def _send_to(self, shipment, partner):
        """Email these documents of ``shipment`` to ``partner`` from the
        shipment's chatter with their PDFs attached, and mark them sent."""
        shipment.ensure_one()
        template = self.env.ref("oms_export_logistics.mail_template_export_documents")
        rendered = template.with_context(
            oms_document_names=self.mapped("name")
        )._generate_template(shipment.ids, ("subject", "body_html"))[shipment.id]
        message = shipment.message_post(
            body=rendered["body_html"],
            subject=rendered["subject"],
            partner_ids=partner.ids,
            attachment_ids=self.attachment_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._mark_sent(partner)
        return message

    def _mark_sent(self, partner):
        self._oms_check_and_lock()
        self._oms_transition_write(
            {
                "state": "sent",
                "sent_date": fields.Datetime.now(),
                "sent_by_id": self.env.uid,
                "sent_partner_id": partner.id,
            }
        )
