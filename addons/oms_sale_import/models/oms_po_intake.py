# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)


class OmsPoIntake(models.Model):
    """A purchase order received without a person at the screen: by email
    (the company's order alias) or uploaded on the portal.

    It is imported at once through the same OCA import as a file; what
    cannot be imported (unknown sender, unreadable file, duplicate) stays
    here with the reason and opens an ``oms.fallout`` (step "Received
    Purchase Order"); no order is created. A file that
    would change a confirmed order waits here for review: the change is
    proposed through the order change flow, with a reason.
    """

    _name = "oms.po.intake"
    _description = "Received Purchase Order"
    _inherit = ["mail.thread", "oms.state.guard.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _oms_guarded_fields = ("state", "error", "order_id", "partner_id", "channel")

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    channel = fields.Selection(
        [("email", "Email"), ("portal", "Portal")], required=True, readonly=True
    )
    email_from = fields.Char(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="PO File", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True, index=True)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("done", "Imported"),
            ("review", "Change to Review"),
            ("failed", "Failed"),
        ],
        default="received",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    error = fields.Text(string="Reason", readonly=True)

    # Email capture

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An email to the company's order alias (runs as superuser)."""
        values = dict(custom_values or {})
        company = self.env["res.company"].browse(values.get("company_id")).exists()
        company = company or self.env.company
        intake = super(OmsPoIntake, self.with_company(company)).message_new(
            msg_dict,
            {
                "name": msg_dict.get("subject") or self.env._("Purchase order"),
                "company_id": company.id,
                "channel": "email",
                "email_from": msg_dict.get("email_from"),
            },
        )
        partner = intake._oms_find_sender(msg_dict.get("email_from"))
        files = [
            (att.fname, att.content)
            for att in msg_dict.get("attachments") or []
            if self.env["sale.order.import"]._oms_import_type_for(att.fname)
        ]
        if not partner:
            intake._oms_fail(
                self.env._(
                    "Unknown sender %s: no customer has this email address.",
                    msg_dict.get("email_from"),
                )
            )
        elif not files:
            intake._oms_fail(
                self.env._(
                    "The email has no purchase order file (XML, PDF, XLSX or CSV)."
                )
            )
        else:
            fname, content = files[0]
            if isinstance(content, str):
                content = content.encode()
            intake._oms_attach_and_import(partner, fname, content, msg_dict)
        return intake

    @api.model
    def _oms_find_sender(self, email_from):
        """The customer whose contact sent the email; nobody when unknown or
        when the address is shared by several customers."""
        email = email_normalize(email_from or "")
        if not email:
            return self.env["res.partner"]
        partners = self.env["res.partner"].search([("email_normalized", "=", email)])
        commercial = partners.commercial_partner_id
        return partners[:1] if len(commercial) == 1 else self.env["res.partner"]

    # Import

    def _oms_attach_and_import(self, partner, filename, content, msg_dict=None):
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self._oms_transition_write(
            {"partner_id": partner.id, "attachment_id": attachment.id}
        )
        self._oms_import(msg_dict)

    def _oms_prepare_wizard_vals(self):
        return {
            "partner_id": self.partner_id.id,
            "import_type": self.env["sale.order.import"]._oms_import_type_for(
                self.attachment_id.name
            ),
            "order_file": self.attachment_id.datas,
            "order_filename": self.attachment_id.name,
        }

    def _oms_import(self, msg_dict=None):
        """Import the file; on any failure roll back what it did and keep
        the reason here."""
        self.ensure_one()
        importer = self.env["sale.order.import"].with_company(self.company_id)
        try:
            with self.env.cr.savepoint():
                wizard = importer.create(self._oms_prepare_wizard_vals())
                status, order, message = wizard._oms_run_import(self.channel)
        # Any failure: parsers of customer files raise many error types.
        except Exception as error:
            raise_if_db_conflict(self.env, error)
            if not isinstance(error, UserError):
                _logger.info("PO intake %s: import failed", self.id, exc_info=True)
            self._oms_fail(str(error.args[0] if error.args else error))
            return
        self._oms_transition_write(
            {
                "order_id": order.id,
                "state": "review" if status == "change" else "done",
                "error": False,
            }
        )
        self._oms_resolve_fallouts()
        self._oms_post_on_order(order, msg_dict)
        if status == "change":
            self.message_post(
                body=Markup("%s %s")
                % (
                    self.env._(
                        "This purchase order would change the confirmed order "
                        "%s; review the change:",
                        order.name,
                    ),
                    message,
                ),
                subtype_xmlid="mail.mt_note",
            )
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Customer PO changes this order"),
                note=message,
                user_id=order.user_id.id or self.env.user.id,
            )

    def _oms_post_on_order(self, order, msg_dict):
        """The email (or upload) on the order's chatter, with its file."""
        if msg_dict:
            body = Markup("<p>%s %s</p>%s") % (
                self.env._("Purchase order email from"),
                msg_dict.get("email_from") or "",
                Markup(msg_dict.get("body") or ""),
            )
            subject = msg_dict.get("subject")
        else:
            body = self.env._("Purchase order uploaded on the portal: %s", self.name)
            subject = False
        order.message_post(
            body=body,
            subject=subject,
            attachment_ids=self.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids,
            subtype_xmlid="mail.mt_note",
        )

    def _oms_fail(self, reason):
        """Keep the reason here and open a fallout a person will see in the
        OMS fallout queue; no order is created."""
        self.ensure_one()
        self._oms_transition_write({"state": "failed", "error": reason})
        self.message_post(body=reason, subtype_xmlid="mail.mt_note")
        self.env["oms.fallout"]._report_intake(self)

    def _oms_resolve_fallouts(self):
        fallouts = (
            self.env["oms.fallout"]
            .sudo()
            .search(
                [
                    ("intake_id", "in", self.ids),
                    ("state", "=", "open"),
                ]
            )
        )
        fallouts._resolve()

    # Actions

    def action_retry(self):
        """Import the file again (after fixing the customer's codes or
        layout, or cancelling the order that made it a duplicate)."""
        self.check_access("write")
        for intake in self._oms_lock().filtered(
            lambda i: i.state == "failed" and i.attachment_id and i.partner_id
        ):
            intake._oms_import()
        return True

    def action_propose_change(self):
        """Open the order change, filled in from the received file."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "review":
            raise UserError(self.env._("There is no change to review."))
        wizard = self.env["sale.order.import"].create(self._oms_prepare_wizard_vals())
        parsed = wizard._oms_parse()
        diff = wizard._oms_compare_with_order(self.order_id, parsed)
        change = wizard._oms_propose_change(self.order_id, diff, self.name)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Order %s", self.order_id.name),
            "res_model": "oms.order.change",
            "res_id": change.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_done(self):
        """The change was applied (or refused) by a person."""
        self.check_access("write")
        self._oms_lock().filtered(lambda i: i.state == "review")._oms_transition_write(
            {"state": "done"}
        )
        return True

    # Portal

    @api.model
    def _oms_receive_upload(self, partner, filename, content):
        """A purchase order file uploaded on the portal by ``partner``."""
        intake = self.create(
            {"name": filename, "channel": "portal", "email_from": partner.email}
        )
        intake._oms_attach_and_import(partner, filename, content)
        return intake
