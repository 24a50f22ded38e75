# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SHIPMENT_STATES = [
    ("planned", "Planned"),
    ("booked", "Booked"),
    ("loading", "Loading"),
    ("customs_cleared", "Customs Cleared"),
    ("on_board", "On Board"),
    ("in_transit", "In Transit"),
    ("delivered", "Delivered"),
    ("cancelled", "Cancelled"),
]
PIPELINE = [state for state, _label in SHIPMENT_STATES if state != "cancelled"]
# The shipment fields holding a service party, by party role (task types and
# portal access read them).
PARTY_FIELDS = {
    "cha": "cha_id",
    "transporter": "transporter_id",
    "forwarder": "forwarder_id",
    "shipping_line": "shipping_line_id",
    "bank": "bank_id",
    "consignee": "consignee_id",
    "notify": "notify_party_id",
}
# Parties that work on the shipment and may follow it on the portal.
PORTAL_ROLES = ["cha", "transporter", "forwarder", "shipping_line", "bank"]


class OmsExportShipment(models.Model):
    """One export shipment: the orders and deliveries that leave together
    under one incoterm, one booking and one set of documents.

    The document checklist and its sending (``oms.export.document``), the
    bank submission and the checks of a letter of credit
    (``oms.lc.presentation``, ``oms.letter.credit``), what the documents
    print (``oms.export.document.report``), the legs' planning
    (``oms.export.shipment.leg``), the dispatch and the creation from
    orders (their wizards) carry their own logic; the shipment keeps their
    fields, buttons and the small hooks they call."""

    _name = "oms.export.shipment"
    _description = "Export Shipment"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "oms.state.guard.mixin",
        "oms.rule.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    # The status, its timestamps and the dispatch agreed with the plant
    # change only through the transitions, which check the gates (the
    # sequence ``name`` is guarded by create/write below).
    _oms_guarded_fields = (
        "state",
        *(f"date_{state}" for state in PIPELINE[1:]),
        "date_cancelled",
        "dispatch_date",
        "logistics_provider_id",
        "dispatch_confirmed_by_id",
        "dispatch_confirmed_on",
    )

    name = fields.Char(
        required=True, copy=False, readonly=True, default="/", tracking=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, tracking=True
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "oms_export_shipment_sale_order_rel",
        "shipment_id",
        "order_id",
        string="Orders",
        check_company=True,
    )
    picking_ids = fields.Many2many(
        "stock.picking",
        "oms_export_shipment_stock_picking_rel",
        "shipment_id",
        "picking_id",
        string="Deliveries",
        check_company=True,
    )
    state = fields.Selection(
        SHIPMENT_STATES, default="planned", required=True, tracking=True, copy=False
    )
    mode = fields.Selection(
        [
            ("sea", "Sea"),
            ("air", "Air"),
            ("road", "Road"),
            ("rail", "Rail"),
            ("multimodal", "Multimodal"),
        ],
        default="sea",
        required=True,
        tracking=True,
    )
    incoterm_id = fields.Many2one("account.incoterms", tracking=True)
    incoterm_place = fields.Char(string="Named Place", tracking=True)
    incoterm_rule_id = fields.Many2one(
        "oms.incoterm.rule", compute="_compute_incoterm_rule_id"
    )
    risk_transfer_point = fields.Char(compute="_compute_incoterm_rule_id")
    bl_number = fields.Char(
        string="B/L or AWB Number", copy=False, tracking=True, index="btree_not_null"
    )
    bl_date = fields.Date(string="B/L or AWB Date", copy=False, tracking=True)
    container_ids = fields.One2many(
        "oms.export.container", "shipment_id", string="Containers"
    )
    # Routing and booking (ports: oms_export_shipment_port.py)
    place_receipt = fields.Char(string="Place of Receipt")
    place_delivery = fields.Char(string="Place of Delivery")
    vessel = fields.Char(string="Vessel or Flight")
    voyage = fields.Char(string="Voyage or Flight Number")
    booking_number = fields.Char(copy=False, tracking=True, index="btree_not_null")
    date_cutoff = fields.Datetime(string="Cut-off", tracking=True)
    etd = fields.Datetime(string="ETD", tracking=True)
    eta = fields.Datetime(string="ETA", tracking=True)
    # Parties
    cha_id = fields.Many2one(
        "res.partner", string="Customs House Agent", check_company=True
    )
    transporter_id = fields.Many2one(
        "res.partner", string="Transporter", check_company=True
    )
    forwarder_id = fields.Many2one(
        "res.partner", string="Forwarder", check_company=True
    )
    shipping_line_id = fields.Many2one(
        "res.partner", string="Shipping Line", check_company=True
    )
    consignee_id = fields.Many2one(
        "res.partner", string="Consignee", check_company=True
    )
    notify_party_id = fields.Many2one(
        "res.partner", string="Notify Party", check_company=True
    )
    bank_id = fields.Many2one("res.partner", string="Bank", check_company=True)
    portal_partner_ids = fields.Many2many(
        "res.partner",
        "oms_export_shipment_portal_partner_rel",
        "shipment_id",
        "partner_id",
        compute="_compute_portal_partner_ids",
        store=True,
        string="Portal Parties",
        help="Commercial partners of the service parties: their portal users "
        "see this shipment and their tasks.",
    )
    leg_ids = fields.One2many("oms.export.shipment.leg", "shipment_id", string="Legs")
    task_ids = fields.One2many("oms.export.task", "shipment_id", string="Tasks")
    task_count = fields.Integer(compute="_compute_task_count")
    task_overdue_count = fields.Integer(compute="_compute_task_count")
    # Documents and letter of credit
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
    # Status timestamps, written by _prepare_state_vals
    date_booked = fields.Datetime(string="Booked On", readonly=True, copy=False)
    date_loading = fields.Datetime(string="Loading Started", readonly=True, copy=False)
    date_customs_cleared = fields.Datetime(
        string="Customs Cleared On", readonly=True, copy=False
    )
    date_on_board = fields.Datetime(string="On Board On", readonly=True, copy=False)
    date_in_transit = fields.Datetime(
        string="In Transit Since", readonly=True, copy=False
    )
    date_delivered = fields.Datetime(string="Delivered On", readonly=True, copy=False)
    date_cancelled = fields.Datetime(string="Cancelled On", readonly=True, copy=False)
    # Dispatch agreed with the plant and the logistics provider
    warehouse_id = fields.Many2one(
        "stock.warehouse", string="Plant", check_company=True, tracking=True
    )
    dispatch_date = fields.Date(tracking=True, copy=False, readonly=True)
    logistics_provider_id = fields.Many2one(
        "res.partner", string="Logistics Provider", copy=False, readonly=True
    )
    dispatch_confirmed_by_id = fields.Many2one(
        "res.users", string="Dispatch Confirmed By", copy=False, readonly=True
    )
    dispatch_confirmed_on = fields.Datetime(copy=False, readonly=True)
    # Loading schedule
    loading_planned = fields.Datetime(string="Planned Loading", tracking=True)
    loading_actual = fields.Datetime(string="Actual Loading", copy=False, tracking=True)
    on_time_loading = fields.Boolean(
        compute="_compute_on_time_loading",
        store=True,
        help="Loaded no later than the planned loading day.",
    )
    on_time_loading_rate = fields.Float(
        string="On-time Loading (%)",
        compute="_compute_on_time_loading",
        store=True,
        aggregator="avg",
        help="100 when loaded on time, else 0: its average over loaded "
        "shipments is the on-time loading rate.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A shipment reference must be unique per company.",
        ),
    ]

    # COMPUTE METHODS

    @api.depends("incoterm_id")
    def _compute_incoterm_rule_id(self):
        rules = self.env["oms.incoterm.rule"].search(
            [("incoterm_id", "in", self.incoterm_id.ids)]
        )
        by_incoterm = {rule.incoterm_id: rule for rule in rules}
        for shipment in self:
            rule = by_incoterm.get(shipment.incoterm_id, rules.browse())
            shipment.incoterm_rule_id = rule
            shipment.risk_transfer_point = rule.risk_transfer_point

    @api.depends(
        *(f"{PARTY_FIELDS[role]}.commercial_partner_id" for role in PORTAL_ROLES)
    )
    def _compute_portal_partner_ids(self):
        for shipment in self:
            partners = self.env["res.partner"].union(
                *(shipment[PARTY_FIELDS[role]] for role in PORTAL_ROLES)
            )
            shipment.portal_partner_ids = partners.commercial_partner_id

    @api.depends("task_ids.state", "task_ids.date_due")
    def _compute_task_count(self):
        today = fields.Date.context_today(self)
        for shipment in self:
            shipment.task_count = len(shipment.task_ids)
            shipment.task_overdue_count = len(
                shipment.task_ids.filtered(
                    lambda t: t.state == "todo" and t.date_due and t.date_due < today
                )
            )

    @api.depends("document_ids.state", "document_ids.mandatory")
    def _compute_document_count(self):
        for shipment in self:
            shipment.document_count = len(shipment.document_ids)
            shipment.documents_ready = all(
                document.state in ("verified", "sent")
                for document in shipment.document_ids.filtered("mandatory")
            )

    @api.depends("loading_planned", "loading_actual")
    def _compute_on_time_loading(self):
        for shipment in self:
            if not (shipment.loading_planned and shipment.loading_actual):
                shipment.on_time_loading = False
                shipment.on_time_loading_rate = 0.0
                continue
            on_time = shipment._oms_is_loaded_on_time()
            shipment.on_time_loading = on_time
            shipment.on_time_loading_rate = 100.0 if on_time else 0.0

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for shipment in self:
            shipment.access_url = f"/my/shipments/{shipment.id}"
        return res

    # CONSTRAINT METHODS

    @api.constrains("mode", "incoterm_id")
    def _check_mode_incoterm(self):
        for shipment in self:
            rule = shipment.incoterm_rule_id
            if rule and not rule._allows_mode(shipment.mode):
                raise ValidationError(
                    self.env._(
                        "Incoterm %(term)s is for sea and inland waterway "
                        "transport only: shipment %(shipment)s goes by %(mode)s.",
                        term=shipment.incoterm_id.code,
                        shipment=shipment.name,
                        mode=dict(
                            self._fields["mode"]._description_selection(self.env)
                        )[shipment.mode],
                    )
                )

    @api.constrains("date_cutoff", "etd", "eta")
    def _check_dates(self):
        for shipment in self:
            dates = [
                (label, value)
                for label, value in (
                    (self.env._("cut-off"), shipment.date_cutoff),
                    (self.env._("ETD"), shipment.etd),
                    (self.env._("ETA"), shipment.eta),
                )
                if value
            ]
            for (before, first), (after, second) in pairwise(dates):
                if second < first:
                    raise ValidationError(
                        self.env._(
                            "Shipment %(shipment)s: the %(after)s cannot be "
                            "before the %(before)s.",
                            shipment=shipment.name,
                            after=after,
                            before=before,
                        )
                    )

    @api.constrains("incoterm_place", "incoterm_id", "state")
    def _check_incoterm_place(self):
        for shipment in self:
            if shipment.state not in ("planned", "cancelled") and (
                shipment._oms_missing_named_place()
            ):
                raise ValidationError(shipment._oms_named_place_message())

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        # The reference comes from the sequence: a client may not choose it.
        if not self.env.su and any(vals.get("name", "/") != "/" for vals in vals_list):
            self._oms_raise_guarded(["name"])
        for vals in vals_list:
            # The buyer receives the goods unless the shipment says otherwise.
            if not vals.get("consignee_id") and vals.get("partner_id"):
                vals["consignee_id"] = vals["partner_id"]
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "oms.export.shipment"
                )
        shipments = super().create(vals_list)
        shipments._oms_plan_legs()
        # The checklist is there from the start; "Update checklist" and the
        # gates refresh it when the shipment changes.
        shipments._generate_documents()
        return shipments

    def write(self, vals):
        if (
            "name" in vals
            and not self.env.su
            and self._oms_differs("name", vals["name"])
        ):
            self._oms_raise_guarded(["name"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_superuser(self):
        """Shipments carry documents, clocks and bank submissions: they are
        cancelled or archived, never deleted (only the superuser may, to
        clean up data)."""
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Export shipments are never deleted: cancel or archive them."
                )
            )

    # PUBLIC ACTIONS

    def action_book(self):
        return self._oms_set_state("booked")

    def action_start_loading(self):
        return self._oms_set_state("loading")

    def action_customs_cleared(self):
        return self._oms_set_state("customs_cleared")

    def action_on_board(self):
        return self._oms_set_state("on_board")

    def action_in_transit(self):
        return self._oms_set_state("in_transit")

    def action_delivered(self):
        return self._oms_set_state("delivered")

    def action_cancel(self):
        return self._oms_set_state("cancelled")

    def action_plan_legs(self):
        self._oms_plan_legs()
        return True

    def action_generate_tasks(self):
        self._oms_generate_tasks()
        return True

    def action_send_task_emails(self):
        """Email every open task of the shipments to its party."""
        tasks = self.task_ids.filtered(lambda t: t.state == "todo" and t.partner_id)
        if not tasks:
            raise UserError(self.env._("There is no open task to send."))
        tasks._oms_send_email()
        return True

    def action_confirm_dispatch(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm dispatch"),
            "res_model": "oms.export.shipment.dispatch",
            "view_mode": "form",
            "target": "new",
            "context": {"default_shipment_id": self.id},
        }

    def action_view_tasks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_export_logistics.oms_export_task_action"
        )
        action["domain"] = [("shipment_id", "=", self.id)]
        action["context"] = {"default_shipment_id": self.id}
        return action

    def action_generate_documents(self):
        self._generate_documents()
        return True

    def action_prepare_documents(self):
        """Generate the checklist, then render and attach every document
        not prepared yet whose data is complete; the others stay required
        and the user is told what they lack."""
        self._generate_documents()
        documents = self.document_ids.filtered(
            lambda d: d.state == "required" and d.document_type_id.report_id
        )
        missing = documents._get_missing_data()
        complete = documents.filtered(lambda d: d not in missing)
        complete._prepare_documents()
        if not missing:
            return True
        message = documents._get_missing_data_message(missing)
        if not complete:
            raise UserError(self.env._("No document could be prepared:\n%s", message))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Documents not prepared: data missing"),
                "message": message,
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_verify_documents(self):
        self.document_ids.filtered(lambda d: d.state == "prepared").action_verify()
        return True

    def action_send_documents(self):
        """Email the documents of one party role (``oms_party_role`` in the
        context, set by the button) to that party."""
        role = self.env.context.get("oms_party_role")
        for shipment in self:
            self.env["oms.export.document"]._send_for_party(shipment, role)
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

    def _oms_get_open_action(self):
        """Window action on these shipments (the form when there is one)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_export_logistics.oms_export_shipment_action"
        )
        if len(self) == 1:
            action.update({"res_id": self.id, "views": [(False, "form")]})
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    # STATUS PIPELINE

    def _oms_set_state(self, new_state):
        """Move shipments to ``new_state`` once every blocker is cleared.
        The single entry point of the status pipeline: buttons call it.

        Rights, the current state and the gates are checked on the rows
        locked and re-read, so two users pressing buttons at once cannot
        both pass a gate the first one changed."""
        self.check_access("write")
        self._oms_lock()
        blockers = self._oms_transition_blockers(new_state)
        if blockers:
            raise UserError("\n".join(blockers))
        self._oms_transition_write(self._prepare_state_vals(new_state))
        self._oms_after_state_change(new_state)
        self._oms_log_state_change(new_state)
        return True

    def _prepare_state_vals(self, new_state):
        vals = {"state": new_state}
        if f"date_{new_state}" in self._fields:
            vals[f"date_{new_state}"] = fields.Datetime.now()
        return vals

    def _oms_after_state_change(self, new_state):
        """Hook after a status change: a booked shipment gets its
        coordination tasks, loading starts the loading clock."""
        if new_state == "booked":
            self._oms_generate_tasks()
        if new_state == "loading":
            self.filtered(
                lambda s: not s.loading_actual
            ).loading_actual = fields.Datetime.now()

    def _oms_log_state_change(self, new_state):
        label = self._oms_state_label(new_state)
        for shipment in self:
            shipment._message_log(
                body=self.env._("Status set to %s.", label),
            )

    def _oms_transition_blockers(self, new_state):
        """Messages that forbid moving to ``new_state`` (empty: allowed).
        Checks (incoterm, documents, letter of credit...) add theirs here."""
        blockers = []
        for shipment in self:
            blockers += shipment._oms_pipeline_blockers(new_state)
        blockers += self._oms_document_blockers(new_state)
        return blockers

    def _oms_pipeline_blockers(self, new_state):
        """This shipment's own blockers: the order of the pipeline, one step
        at a time (every gate on the way is passed), and the named place the
        incoterm needs from the booking on."""
        self.ensure_one()
        if self.state == new_state:
            return [self.env._("Shipment %s is already in this status.", self.name)]
        if self.state in ("delivered", "cancelled"):
            return [
                self.env._(
                    "Shipment %s is delivered or cancelled: its status cannot change.",
                    self.name,
                )
            ]
        if new_state == "cancelled":
            return []
        if new_state not in PIPELINE:
            return [self.env._("Unknown shipment status %s.", new_state)]
        if PIPELINE.index(new_state) < PIPELINE.index(self.state):
            return [
                self.env._("Shipment %s cannot go back in the pipeline.", self.name)
            ]
        if PIPELINE.index(new_state) > PIPELINE.index(self.state) + 1:
            return [
                self.env._(
                    "Shipment %(shipment)s cannot skip a status: it goes from "
                    "%(current)s to %(next)s first.",
                    shipment=self.name,
                    current=self._oms_state_label(self.state),
                    next=self._oms_state_label(
                        PIPELINE[PIPELINE.index(self.state) + 1]
                    ),
                )
            ]
        if self._oms_missing_named_place():
            return [self._oms_named_place_message()]
        return []

    def _oms_is_on_board(self):
        """Whether the goods are on board: on board or a later status."""
        self.ensure_one()
        return self.state in PIPELINE[PIPELINE.index("on_board") :]

    def _oms_state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _oms_missing_named_place(self):
        self.ensure_one()
        rule = self.incoterm_rule_id
        return bool(rule and rule.named_place_required and not self.incoterm_place)

    def _oms_named_place_message(self):
        return self.env._(
            "Shipment %(shipment)s: incoterm %(term)s needs its named place "
            "before booking.",
            shipment=self.name,
            term=self.incoterm_id.code,
        )

    # LEGS: planned by oms.export.shipment.leg

    def _oms_plan_legs(self):
        """Create the legs the incoterm matrix plans and the shipments lack
        (see ``oms.export.shipment.leg._plan_for``)."""
        return self.env["oms.export.shipment.leg"]._plan_for(self)

    # TASKS

    def _oms_get_party(self, role):
        """The partner holding ``role`` (cha, transporter, bank...)."""
        self.ensure_one()
        field = PARTY_FIELDS.get(role)
        return self[field] if field else self.env["res.partner"]

    def _oms_get_task_types(self):
        """``{shipment: task types}``: the active task types whose rules
        (event ``shipment_tasks``) match each shipment, read in one pass."""
        task_types = {}
        for shipment, rules in self._oms_rules_by_record("shipment_tasks").items():
            # Rules come back as sudo configuration: the task types are read
            # with the caller's rights.
            types = rules.task_type_id.with_env(self.env).filtered("active")
            if types:
                task_types[shipment] = types
        return task_types

    def _oms_generate_tasks(self):
        """Create the coordination tasks the task rules give each shipment.
        Idempotent: a task type never gets a second task on a shipment."""
        shipments = self.filtered(lambda s: s.state != "cancelled")
        vals_list = []
        for shipment, task_types in shipments._oms_get_task_types().items():
            for task_type in task_types - shipment.task_ids.task_type_id:
                vals_list.append(task_type._prepare_task_vals(shipment))
        return self.env["oms.export.task"].create(vals_list)

    # DOCUMENTS: the checklist lives on oms.export.document

    def _generate_documents(self):
        """Add the documents the rules require and the checklist lacks
        (idempotent); returns the documents created."""
        return self.env["oms.export.document"]._generate_checklist(self)

    def _oms_document_blockers(self, new_state):
        return self.env["oms.export.document"]._get_gate_blockers(self, new_state)

    def _get_party_partner(self, role):
        """The partner documents of ``role`` go to."""
        self.ensure_one()
        if role == "customer":
            return self.partner_id
        partner = self._oms_get_party(role)
        if role == "bank" and not partner and self.letter_credit_id:
            partner = self.letter_credit_id._get_bank()
        return partner

    # LETTER OF CREDIT: the bank submission lives on oms.lc.presentation

    def _check_bank_submission(self, sent_date):
        self.ensure_one()
        self.env["oms.lc.presentation"]._check_submission(self, sent_date)

    def _submit_to_bank(self, courier_reference=False, sent_date=False):
        """Present the documents to the bank under the letter of credit."""
        return self.env["oms.lc.presentation"]._submit(
            self, courier_reference=courier_reference, sent_date=sent_date
        )

    # INVOICE VALUE: what the documents print and the letter of credit draws

    def _get_document_currency(self):
        self.ensure_one()
        return self.sale_order_ids[:1].currency_id or self.company_id.currency_id

    def _get_document_amount(self):
        """The amount drawn: the posted customer invoices of the shipment's
        orders, else the orders' totals, in the orders' currency. The
        documents print it (``oms.export.document.report``) and the letter
        of credit checks draw it (``oms.letter.credit._get_drawn_amount``)."""
        self.ensure_one()
        invoices = self.sale_order_ids.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        )
        if invoices:
            return sum(invoices.mapped("amount_total"))
        return sum(self.sale_order_ids.mapped("amount_total"))

    # LOADING

    def _oms_is_loaded_on_time(self):
        """Loaded no later than the planned day (in the user's timezone)."""
        self.ensure_one()
        planned = fields.Datetime.context_timestamp(self, self.loading_planned)
        actual = fields.Datetime.context_timestamp(self, self.loading_actual)
        return actual.date() <= planned.date()

    # DISPATCH AND CREATION: their wizards hold the logic

    def _oms_confirm_dispatch(self, dispatch_date, provider=None, note=False):
        """Record the dispatch date agreed with the plant and the logistics
        provider (see ``oms.export.shipment.dispatch``)."""
        return self.env["oms.export.shipment.dispatch"]._confirm_shipments(
            self, dispatch_date, provider, note
        )

    @api.model
    def _oms_create_from_orders(self, orders, pickings=None, **vals):
        """Create one shipment for ``orders`` (see
        ``oms.export.shipment.create``)."""
        return self.env["oms.export.shipment.create"]._create_shipment(
            orders, pickings, **vals
        )
