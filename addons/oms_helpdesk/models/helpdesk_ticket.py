# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

# Words that may be document numbers: S00042, INV/2026/00007, WH/OUT/00012.
REFERENCE_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.-]{2,40}[A-Za-z0-9]")
MAX_REFERENCE_TOKENS = 300
# Documents of one type an email may name (linked or noted).
MAX_DOCUMENTS = 20


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    # The state guard lists no field: it refuses moving a ticket to a company
    # the user cannot access, and a write of the OMS's computed figures (SLA
    # status, escalations); helpdesk_mgmt's and rating's are theirs.
    _inherit = ["helpdesk.ticket", "oms.rule.mixin", "oms.state.guard.mixin"]
    _oms_derived_prefix = "oms_"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The customer's order the ticket is about: set when the ticket is "
        "opened from the order or routed from an email naming it. Users with "
        "sales rights may link another order of the same customer.",
    )
    oms_can_link_order = fields.Boolean(
        string="Can Link an Order",
        compute="_compute_oms_can_link_order",
        help="The user may choose the ticket's order (reads sales orders).",
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Invoice",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund'))]",
    )
    oms_is_complaint = fields.Boolean(
        related="category_id.oms_is_complaint", store=True, string="Complaint"
    )
    oms_proactive = fields.Boolean(
        string="Proactive",
        readonly=True,
        copy=False,
        help="Opened by the OMS before the customer called (order jeopardy).",
    )
    oms_reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    oms_one_call_resolution = fields.Boolean(
        string="One-Call Resolution",
        readonly=True,
        copy=False,
        help="Resolved at first contact (the customer wrote once) and never reopened.",
    )
    oms_one_call_rate = fields.Float(
        string="One-Call Resolution (%)",
        compute="_compute_oms_one_call_rate",
        store=True,
        aggregator="avg",
    )
    oms_escalation_level_ids = fields.Many2many(
        "oms.helpdesk.escalation.level",
        string="Escalation Levels Applied",
        readonly=True,
        copy=False,
    )
    oms_escalation_count = fields.Integer(
        string="Escalations",
        compute="_compute_oms_escalation_count",
        store=True,
    )
    oms_escalated_to_manager = fields.Boolean(
        string="Escalated to Manager", readonly=True, copy=False
    )
    oms_sla_status = fields.Selection(
        [
            ("none", "No SLA"),
            ("open", "Running"),
            ("attained", "Attained"),
            ("breached", "Breached"),
        ],
        string="SLA Status",
        compute="_compute_oms_sla_status",
        store=True,
    )
    oms_sla_attainment = fields.Float(
        string="SLA Attainment (%)",
        compute="_compute_oms_sla_status",
        store=True,
        aggregator="avg",
        help="100 when every SLA of the ticket was met, 0 when one was "
        "missed; empty while running. Averaged in reports.",
    )
    oms_sla_percent = fields.Float(
        string="SLA Time Used (%)",
        compute="_compute_oms_sla_percent",
        groups="base.group_user",
        help="Share of the running SLA closest to its deadline used so far, "
        "in the team's business hours (at the context's ``oms_sla_now``).",
    )
    oms_remedy_ids = fields.One2many(
        "oms.helpdesk.remedy", "ticket_id", string="Remedies"
    )
    oms_remedy_count = fields.Integer(
        string="Remedy Count", compute="_compute_oms_remedy_count"
    )
    oms_followup_of_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up Of",
        readonly=True,
        copy=False,
        help="Ticket whose low rating opened this follow-up.",
    )
    oms_survey_input_id = fields.Many2one(
        "survey.user_input",
        string="Survey Response",
        readonly=True,
        copy=False,
        help="Satisfaction survey whose low score opened this follow-up.",
    )

    # COMPUTE METHODS

    @api.depends_context("uid")
    def _compute_oms_can_link_order(self):
        self.oms_can_link_order = self.env["sale.order"].has_access("read")

    @api.depends("oms_one_call_resolution", "closed")
    def _compute_oms_one_call_rate(self):
        for ticket in self:
            ticket.oms_one_call_rate = 100.0 if ticket.oms_one_call_resolution else 0.0

    @api.depends("oms_escalation_level_ids")
    def _compute_oms_escalation_count(self):
        for ticket in self:
            ticket.oms_escalation_count = len(ticket.oms_escalation_level_ids)

    @api.depends("ticket_sla_ids.state")
    def _compute_oms_sla_status(self):
        for ticket in self:
            states = set(ticket.ticket_sla_ids.mapped("state"))
            if not states:
                status, attainment = "none", False
            elif "expired" in states:
                status, attainment = "breached", 0.0
            elif states == {"accomplished"}:
                status, attainment = "attained", 100.0
            else:
                status, attainment = "open", False
            ticket.oms_sla_status = status
            ticket.oms_sla_attainment = attainment

    @api.depends(
        "create_date",
        "team_id.resource_calendar_id",
        "ticket_sla_ids.state",
        "ticket_sla_ids.hours",
        "ticket_sla_ids.consumed_time",
        "ticket_sla_ids.last_state_date",
    )
    @api.depends_context("oms_sla_now")
    def _compute_oms_sla_percent(self):
        now = self.env.context.get("oms_sla_now") or fields.Datetime.now()
        percents = self._oms_get_sla_percents(now)
        for ticket in self:
            ticket.oms_sla_percent = percents[ticket]

    def _compute_oms_remedy_count(self):
        groups = dict(
            self.env["oms.helpdesk.remedy"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.oms_remedy_count = groups.get(ticket, 0)

    # CONSTRAINT METHODS

    @api.constrains(lambda self: ["company_id", *self._oms_document_fields()])
    def _check_oms_document_company(self):
        """A ticket is linked only to documents of its own company."""
        # Only the documents' company is read: an agent may link an order
        # they have no sales right on.
        for ticket in self.sudo():
            for fname in ticket._oms_document_fields():
                document = ticket[fname]
                if document.company_id and document.company_id != ticket.company_id:
                    raise ValidationError(
                        self.env._(
                            "Ticket %(ticket)s belongs to %(company)s: it cannot "
                            "be linked to %(document)s of %(other)s.",
                            ticket=ticket.display_name,
                            company=ticket.company_id.name,
                            document=document.display_name,
                            other=document.company_id.name,
                        )
                    )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oms_check_order_link(vals)
        tickets = super().create(vals_list)
        # Tickets created on an order; the others are noted when
        # _oms_fill_from_documents links them.
        tickets.filtered("sale_order_id")._oms_note_on_order()
        tickets._oms_fill_from_documents()
        tickets._oms_route()
        return tickets

    def write(self, vals):
        closing = reopening = self.browse()
        if "stage_id" in vals:
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            closing = self.filtered(lambda t: stage.closed and not t.closed)
            reopening = self.filtered(lambda t: t.closed and not stage.closed)
        if "sale_order_id" in vals:
            self._oms_check_order_relink(vals["sale_order_id"])
            for ticket in self:
                ticket._oms_check_order_link(vals)
        result = super().write(vals)
        if vals.get("sale_order_id"):
            self._oms_note_on_order()
        if closing:
            closing._oms_on_close()
        if reopening:
            reopening._oms_on_reopen()
        return result

    def _oms_check_order_link(self, vals):
        """A ticket's order is one of its customer's: refuse another
        customer's order, whatever screen or RPC sets it (the system's own
        routing checks the customer itself). ``self`` is the ticket written,
        or empty on create."""
        if self.env.su or not vals.get("sale_order_id"):
            return
        # Read as the system: an agent may have no sales right.
        order = self.env["sale.order"].sudo().browse(vals["sale_order_id"])
        partner = (
            self.env["res.partner"].browse(vals["partner_id"])
            if "partner_id" in vals
            else self.partner_id
        )
        customer = partner.sudo().commercial_partner_id
        if customer and order.partner_id.commercial_partner_id != customer:
            raise ValidationError(
                self.env._(
                    "Order %(order)s is not an order of %(customer)s, the "
                    "ticket's customer: link one of their orders.",
                    order=order.name,
                    customer=customer.display_name,
                )
            )

    def _oms_check_order_relink(self, order_id):
        """Users who cannot read sales orders (helpdesk agents) keep the
        order the ticket was opened or routed with: they may not change or
        remove it (the form shows it read-only to them)."""
        if self.env.su or self.env["sale.order"].has_access("read"):
            return
        changed = self.filtered(
            lambda ticket: ticket.sale_order_id and ticket.sale_order_id.id != order_id
        )
        if changed:
            raise AccessError(
                self.env._(
                    "Only users with sales rights change the order of a ticket "
                    "(%(tickets)s); ask a salesperson to link another order.",
                    tickets=", ".join(changed.mapped("display_name")),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """Tickets with history are archived, never deleted: the KPIs, the
        SLA record and the customer's correspondence depend on them."""
        if self.env.su:
            return
        kept = self._oms_with_history()
        if kept:
            raise UserError(
                self.env._(
                    "Tickets with history cannot be deleted: archive them "
                    "instead (%s).",
                    ", ".join(kept.mapped("display_name")),
                )
            )

    # MAIL, RATING AND SLA OVERRIDES

    @api.model
    def message_new(self, msg, custom_values=None):
        """Link the new ticket to the sender's documents the email names
        before it is created, so routing rules see the order. Documents of
        other customers are noted for an agent to confirm, never linked."""
        custom_values = dict(custom_values or {})
        company = self.env["res.company"].browse(custom_values.get("company_id"))
        if not company and custom_values.get("team_id"):
            team = self.env["helpdesk.ticket.team"].browse(custom_values["team_id"])
            company = team.company_id
        sender = self.env["res.partner"].browse(
            custom_values.get("partner_id") or msg.get("author_id")
        )
        reference_vals, unconfirmed = self._oms_prepare_reference_vals(
            self._oms_get_reference_tokens(self._oms_get_message_text(msg)),
            company or self.env.company,
            sender,
        )
        ticket = super().message_new(
            msg, custom_values={**reference_vals, **custom_values}
        )
        ticket._oms_note_unconfirmed_references(unconfirmed)
        return ticket

    def message_update(self, msg, update_vals=None):
        """A reply naming the sender's documents links a ticket that has
        none yet."""
        result = super().message_update(msg, update_vals=update_vals)
        sender = self.env["res.partner"].browse(msg.get("author_id"))
        self._oms_link_references(self._oms_get_message_text(msg), sender)
        return result

    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if rating.res_model == self._name and rate <= self._oms_low_rating():
            self.browse(rating.res_id)._oms_open_followup(
                self.env._(
                    "Low rating (%(rate)s/5): %(feedback)s",
                    rate=rate,
                    feedback=feedback or "",
                )
            )
        return rating

    def set_sla(self):
        # helpdesk_mgmt_sla lets agents create and update a ticket's SLA
        # lines but not delete them, so routing a ticket from one SLA team to
        # another failed for them: whoever may edit the ticket replaces its
        # SLA lines.
        self.check_access("write")
        self.sudo().ticket_sla_ids.unlink()
        return super().set_sla()

    def refresh_sla(self):
        # Same as set_sla: the lines of SLAs that no longer apply go.
        self.ensure_one()
        self.check_access("write")
        slas = self._get_sla()
        self.sudo().ticket_sla_ids.filtered(lambda r: r.sla_id not in slas).unlink()
        return super().refresh_sla()

    # PUBLIC ACTIONS

    def action_open_sale_order(self):
        self.ensure_one()
        return self._oms_open_record(self.sale_order_id)

    def action_open_picking(self):
        self.ensure_one()
        return self._oms_open_record(self.picking_id)

    def action_open_invoice(self):
        self.ensure_one()
        return self._oms_open_record(self.invoice_id)

    def action_view_remedies(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Remedies"),
            "res_model": "oms.helpdesk.remedy",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
        }

    def action_oms_remedy(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Remedy"),
            "res_model": "helpdesk.ticket.remedy",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_oms_send_survey(self):
        """Send the satisfaction survey of the order's done deliveries now
        (those already surveyed are skipped)."""
        self.ensure_one()
        self.check_access("write")
        inputs = self.env["survey.user_input"]._oms_send_for_ticket(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if inputs else "warning",
                "message": self.env._("Satisfaction survey sent.")
                if inputs
                else self.env._("No delivery left to survey."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # BUSINESS METHODS

    def _oms_open_record(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }

    def _oms_with_history(self):
        """Tickets of ``self`` that carry the service's history: closed, linked
        to documents, given a remedy or written on by email or comment."""
        commented = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("message_type", "in", ("email", "comment")),
                ]
            )
        )
        commented_ids = set(commented.mapped("res_id"))
        return self.sudo().filtered(
            lambda t: (
                t.closed
                or t.id in commented_ids
                or t.oms_remedy_ids
                or any(t[fname] for fname in t._oms_document_fields())
            )
        )

    # BUSINESS METHODS: linked documents

    @api.model
    def _oms_document_fields(self):
        """Fields linking a ticket to a customer's document; submodules add
        theirs (export shipment). Their model finds the documents an email
        names: ``_oms_find_by_reference(references, company, limit)``."""
        return ["sale_order_id", "picking_id", "invoice_id"]

    def _oms_get_document_order(self):
        """The order behind the ticket's linked documents."""
        self.ensure_one()
        # Read as the system: an agent may have no sales, stock or invoicing
        # right; only the order's id is used.
        ticket = self.sudo()
        return (
            ticket.sale_order_id
            or ticket.picking_id.sale_id
            or ticket.invoice_id.line_ids.sale_line_ids.order_id[:1]
        )

    def _oms_fill_from_documents(self):
        """Complete the customer and the order from the linked documents; an
        order of another customer than the ticket's is never filled in."""
        for ticket in self:
            order = ticket._oms_get_document_order()
            partner = order.partner_id or ticket.sudo().invoice_id.partner_id
            customer = ticket.partner_id.commercial_partner_id
            vals = {}
            if (
                order
                and not ticket.sale_order_id
                and (not customer or order.partner_id.commercial_partner_id == customer)
            ):
                vals["sale_order_id"] = order.id
            if partner and not ticket.partner_id:
                vals.update(
                    partner_id=partner.id,
                    partner_name=partner.name,
                    partner_email=partner.email,
                )
            if vals:
                ticket.write(vals)

    def _oms_get_portal_documents(self, user):
        """``[{"label", "name", "url"}]`` of the linked documents the portal
        page shows ``user`` (the portal hands the ticket over as superuser):
        only those of their own customer account, linked by their portal
        page (no access token)."""
        self.ensure_one()
        customer = user.partner_id.commercial_partner_id
        # Display only: the reader's own documents, which the portal record
        # rules let them open; another customer's are never shown.
        ticket = self.sudo()
        documents = []
        for fname in self._oms_document_fields():
            document = ticket[fname]
            if not document or document.partner_id.commercial_partner_id != customer:
                continue
            url = document.access_url if "access_url" in document._fields else False
            documents.append(
                {
                    "label": ticket._fields[fname].string,
                    "name": document.display_name,
                    "url": url if url and url != "#" else False,
                }
            )
        return documents

    def _oms_note_on_order(self):
        """Keep the order's chatter the record of the customer's
        correspondence: each ticket linked to it is noted there."""
        for ticket in self:
            # Agents may have no right to edit orders: the note is the
            # system's record, posted whatever the agent's sales rights.
            ticket.sale_order_id.sudo().message_post(
                body=Markup("%s <a href='#' data-oe-model='%s' data-oe-id='%s'>%s</a>")
                % (
                    self.env._("Customer ticket:"),
                    ticket._name,
                    ticket.id,
                    ticket.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    # BUSINESS METHODS: documents named in emails

    @api.model
    def _oms_get_message_text(self, msg):
        subject = msg.get("subject") or ""
        return f"{subject}\n{tools.html2plaintext(msg.get('body') or '')}"

    @api.model
    def _oms_get_reference_tokens(self, text):
        tokens = {token.strip("._-/") for token in REFERENCE_TOKEN.findall(text or "")}
        return sorted(token for token in tokens if any(c.isdigit() for c in token))[
            :MAX_REFERENCE_TOKENS
        ]

    @api.model
    def _oms_search_references(self, tokens, company):
        """``{field: documents}`` of ``company`` named by ``tokens``, whoever
        their customer: each linkable document type finds itself."""
        # The gateway links on behalf of the sender: documents are looked up
        # whatever the rights of the user processing the mail; the caller
        # keeps only the sender's own.
        env = self.sudo().env
        return {
            fname: env[self._fields[fname].comodel_name]._oms_find_by_reference(
                tokens, company, limit=MAX_DOCUMENTS
            )
            for fname in self._oms_document_fields()
        }

    @api.model
    def _oms_prepare_reference_vals(self, tokens, company, partner):
        """Split the documents of ``company`` named by ``tokens``.

        :returns: ``(vals, unconfirmed)``: ticket values linking the first
            document of each type whose commercial partner is ``partner``'s,
            and the other documents found, for an agent to confirm
        """
        vals, unconfirmed = {}, []
        if not tokens:
            return vals, unconfirmed
        customer = partner.commercial_partner_id
        for fname, documents in self._oms_search_references(tokens, company).items():
            own = documents.filtered(
                lambda d: customer and d.partner_id.commercial_partner_id == customer
            )
            if own:
                vals[fname] = own[0].id
            unconfirmed.extend(documents - own)
        return vals, unconfirmed

    def _oms_link_references(self, text, partner):
        """Link the ticket to ``partner``'s order, delivery and invoice whose
        numbers appear in ``text`` (an email's subject and body)."""
        tokens = self._oms_get_reference_tokens(text)
        if not tokens:
            return True
        for ticket in self:
            vals, unconfirmed = ticket._oms_prepare_reference_vals(
                tokens, ticket.company_id, partner
            )
            vals = {k: v for k, v in vals.items() if not ticket[k]}
            if vals:
                ticket.write(vals)
                ticket._oms_fill_from_documents()
            ticket._oms_note_unconfirmed_references(unconfirmed)
        return True

    def _oms_note_unconfirmed_references(self, documents):
        """Tell the agents, in an internal note, which documents of another
        customer an email named: linking them is the agent's call."""
        if not documents:
            return
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "The email names documents that are not this customer's and "
                "were not linked: %s. Link one only after checking with the "
                "customer.",
                ", ".join(document.display_name for document in documents),
            ),
            subtype_xmlid="mail.mt_note",
        )

    # BUSINESS METHODS: routing

    def _oms_route(self):
        """Apply the ``ticket_create`` routing rules, then recompute the SLAs
        of the tickets whose team changed."""
        teams = {ticket: ticket.team_id for ticket in self}
        # Routing is the system's decision: a rule's condition may look at
        # the order, which an agent may not read. The actions run as the user.
        matches = self.sudo()._oms_match_rules("ticket_create")
        self._oms_execute_matches(
            [(rule, tickets.with_env(self.env)) for rule, tickets in matches]
        )
        moved = self.filtered(lambda t: t.team_id != teams[t])
        if moved:
            moved.set_sla()

    def _oms_rule_execute_route(self, matches):
        """Rule action ``route``: the first matching rule (by sequence) sets
        each of team, assignee and priority; one write per distinct result."""
        values = defaultdict(dict)
        for rule, tickets in matches:
            rule_vals = rule._oms_prepare_route_vals()
            team_company = rule.ticket_team_id.company_id
            for ticket in tickets:
                for fname, value in rule_vals.items():
                    # Never hand a ticket to another company's team.
                    if (
                        fname == "team_id"
                        and team_company
                        and team_company != ticket.company_id
                    ):
                        continue
                    values[ticket].setdefault(fname, value)
        groups = defaultdict(list)
        for ticket, vals in values.items():
            groups[tuple(sorted(vals.items()))].append(ticket.id)
        for key, ids in groups.items():
            self.browse(ids).write(dict(key))

    # BUSINESS METHODS: one-call resolution

    def _oms_count_customer_messages(self):
        """``{ticket: n}`` messages the customer wrote on each ticket."""
        messages = self.env["mail.message"].search(
            [
                ("model", "=", self._name),
                ("res_id", "in", self.ids),
                ("message_type", "in", ("email", "comment")),
            ]
        )
        counts = defaultdict(int)
        for message in messages:
            ticket = self.browse(message.res_id)
            if message.author_id and message.author_id == ticket.partner_id:
                counts[ticket] += 1
        return counts

    def _oms_on_close(self):
        counts = self._oms_count_customer_messages()
        first_contact = self.filtered(
            lambda t: not t.oms_reopen_count and counts.get(t, 0) <= 1
        )
        first_contact.oms_one_call_resolution = True

    def _oms_on_reopen(self):
        for ticket in self:
            ticket.write(
                {
                    "oms_reopen_count": ticket.oms_reopen_count + 1,
                    "oms_one_call_resolution": False,
                }
            )

    # BUSINESS METHODS: follow-up of a low rating

    @api.model
    def _oms_low_rating(self):
        """Ratings (0-5) at or below this open a follow-up ticket."""
        return 2

    def _oms_prepare_followup_vals(self, reason):
        self.ensure_one()
        return {
            "name": self.env._("Follow-up: %s", self.name),
            "description": Markup("<p>%s</p>") % reason,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_name,
            "partner_email": self.partner_email,
            "company_id": self.company_id.id,
            "team_id": self.team_id.id,
            "sale_order_id": self.sale_order_id.id,
            "category_id": self.env.ref(
                "oms_helpdesk.helpdesk_ticket_category_complaint",
                raise_if_not_found=False,
            ).id,
            "priority": "2",
            "oms_followup_of_id": self.id,
        }

    def _oms_open_followup(self, reason):
        """One open follow-up per ticket, however often it is re-rated."""
        # The customer rates through a public controller: the follow-up is
        # created by the system on their behalf.
        tickets = self.sudo()
        existing = tickets.search(
            [("oms_followup_of_id", "in", tickets.ids), ("closed", "=", False)]
        )
        todo = tickets - existing.oms_followup_of_id
        return tickets.create([t._oms_prepare_followup_vals(reason) for t in todo])

    # BUSINESS METHODS: SLA escalation

    def _oms_get_sla_percents(self, now):
        """``{ticket: percent}``: share (%) of its SLA time each ticket has
        used at ``now``, in its team's business hours, for its SLA closest to
        the deadline (0 without a running SLA)."""
        percents = dict.fromkeys(self, 0.0)
        for line, percent in self.ticket_sla_ids._oms_get_used_percents(now).items():
            ticket = line.ticket_id
            percents[ticket] = max(percents.get(ticket, 0.0), percent)
        return percents

    def _oms_get_sla_percent(self, now):
        """Share (%) of its SLA time the ticket has used at ``now``, in the
        team's business hours, for the SLA closest to its deadline."""
        self.ensure_one()
        # Through the computed field: all the tickets prefetched with this
        # one (a batch of the cron) are counted together.
        return self.with_context(oms_sla_now=now).oms_sla_percent

    def _oms_get_due_escalation_levels(self, now):
        """Levels of the ticket's team due at ``now`` and not applied yet."""
        self.ensure_one()
        return self.team_id.escalation_level_ids._filter_due(
            self, self._oms_get_sla_percent(now)
        )

    def _oms_apply_escalation_level(self, level):
        """Run one escalation level on the ticket and record it."""
        self.ensure_one()
        level._apply(self)

    def _oms_escalation_domain(self):
        """Open tickets under a running SLA that can still escalate."""
        return self.env["oms.helpdesk.escalation.level"]._get_pending_ticket_domain()

    @api.model
    def _cron_oms_escalate(self, now=None, limit=500):
        """Apply the escalation levels due on open tickets under SLA
        (``oms.helpdesk.escalation.level._escalate_pending_tickets``).

        :returns: the tickets escalated
        """
        return self.env["oms.helpdesk.escalation.level"]._escalate_pending_tickets(
            now or fields.Datetime.now(), limit=limit
        )
