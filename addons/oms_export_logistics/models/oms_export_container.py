# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.oms_core.tools.transition import check_derived_write

# Container events in the order they happen; each D&D clock runs between two.
CONTAINER_EVENTS = [
    ("empty_pickup_date", "Empty pick-up"),
    ("gate_in_date", "Full gate-in (origin)"),
    ("loaded_date", "Loaded on board"),
    ("discharge_date", "Discharged"),
    ("gate_out_date", "Full gate-out (destination)"),
    ("empty_return_date", "Empty return"),
]
# Quantities that cannot be negative, with the label of the error message.
NON_NEGATIVE_FIELDS = (
    "tare_weight",
    "max_payload",
    "volume_capacity",
    "package_count",
    "cargo_weight",
    "packaging_weight",
    "volume_used",
    "vgm_weight",
)


class OmsExportContainer(models.Model):
    """A container (or other equipment unit) carried on an export shipment."""

    _name = "oms.export.container"
    _description = "Export Container"
    _inherit = ["mail.thread"]
    _order = "shipment_id, id"
    _check_company_auto = True

    name = fields.Char(
        string="Container Number", required=True, index=True, tracking=True
    )
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
    partner_id = fields.Many2one(related="shipment_id.partner_id", string="Customer")
    container_type_id = fields.Many2one(
        "oms.container.type", string="Type", index=True, tracking=True
    )
    carrier_id = fields.Many2one(
        "res.partner",
        string="Shipping Line",
        index=True,
        check_company=True,
        help="Carrier owning the equipment: its D&D tariff applies.",
    )
    origin_port = fields.Char(help="UN/LOCODE of the port of loading, e.g. INNSA.")
    destination_port = fields.Char(
        help="UN/LOCODE of the port of discharge, e.g. DEHAM."
    )
    seal_number = fields.Char(tracking=True)
    # A container with history is archived, not deleted.
    active = fields.Boolean(default=True)
    # Capacity: from the type, adjustable per unit (a heavy-tare box, ...).
    tare_weight = fields.Float(
        string="Tare (kg)",
        compute="_compute_capacity",
        store=True,
        readonly=False,
        digits="Stock Weight",
    )
    max_payload = fields.Float(
        string="Max Payload (kg)",
        compute="_compute_capacity",
        store=True,
        readonly=False,
        digits="Stock Weight",
    )
    volume_capacity = fields.Float(
        string="Capacity (m³)",
        compute="_compute_capacity",
        store=True,
        readonly=False,
        digits="Volume",
    )
    max_gross_weight = fields.Float(
        string="Max Gross Mass (kg)",
        compute="_compute_max_gross_weight",
        store=True,
        digits="Stock Weight",
    )
    # Load.
    package_count = fields.Integer(string="Packages")
    cargo_weight = fields.Float(string="Cargo (kg)", digits="Stock Weight")
    packaging_weight = fields.Float(
        string="Packing and Dunnage (kg)", digits="Stock Weight"
    )
    volume_used = fields.Float(string="Volume Used (m³)", digits="Volume")
    weight_used = fields.Float(
        string="Weight Used (kg)",
        compute="_compute_weight_used",
        store=True,
        digits="Stock Weight",
    )
    weight_fill = fields.Float(string="Weight Fill (%)", compute="_compute_fill")
    volume_fill = fields.Float(string="Volume Fill (%)", compute="_compute_fill")
    # SOLAS VGM: cargo + packing + tare, by weighing the packed unit
    # (method 1) or summing weighed contents and tare (method 2).
    vgm_method = fields.Selection(
        [("method1", "Method 1 (weighed packed)"), ("method2", "Method 2 (sum)")],
        string="VGM Method",
    )
    vgm_weight = fields.Float(
        string="Verified Gross Mass (kg)",
        compute="_compute_vgm_weight",
        store=True,
        readonly=False,
        digits="Stock Weight",
        tracking=True,
        help="Method 2: computed as cargo + packing + tare. Method 1: the "
        "weighbridge reading, entered by hand.",
    )
    vgm_weighing_party = fields.Char(string="Weighing Party")
    vgm_signatory = fields.Char(string="VGM Signatory")
    vgm_date = fields.Datetime(string="VGM Date")
    # Events (see CONTAINER_EVENTS).
    empty_pickup_date = fields.Datetime(string="Empty Pick-up", tracking=True)
    gate_in_date = fields.Datetime(string="Full Gate-in", tracking=True)
    loaded_date = fields.Datetime(string="Loaded on Board", tracking=True)
    discharge_date = fields.Datetime(string="Discharged", tracking=True)
    gate_out_date = fields.Datetime(string="Full Gate-out", tracking=True)
    empty_return_date = fields.Datetime(string="Empty Return", tracking=True)
    dd_clock_ids = fields.One2many("oms.dd.clock", "container_id", string="D&D Clocks")
    package_ids = fields.One2many(
        "stock.quant.package",
        "oms_container_id",
        string="Packages Stuffed",
        help="Packages of the delivery's packing loaded in this container.",
    )
    dd_amount = fields.Float(
        string="D&D Amount", compute="_compute_dd_amount", digits="Account"
    )

    @api.depends("container_type_id")
    def _compute_capacity(self):
        for container in self:
            ctype = container.container_type_id
            container.tare_weight = ctype.tare_weight
            container.max_payload = ctype.max_payload
            container.volume_capacity = ctype.volume

    @api.depends("tare_weight", "max_payload")
    def _compute_max_gross_weight(self):
        for container in self:
            container.max_gross_weight = container.tare_weight + container.max_payload

    @api.depends("cargo_weight", "packaging_weight")
    def _compute_weight_used(self):
        for container in self:
            container.weight_used = container.cargo_weight + container.packaging_weight

    @api.depends("weight_used", "max_payload", "volume_used", "volume_capacity")
    def _compute_fill(self):
        for container in self:
            payload, capacity = container.max_payload, container.volume_capacity
            container.weight_fill = (
                100.0 * container.weight_used / payload if payload else 0.0
            )
            container.volume_fill = (
                100.0 * container.volume_used / capacity if capacity else 0.0
            )

    @api.depends("vgm_method", "cargo_weight", "packaging_weight", "tare_weight")
    def _compute_vgm_weight(self):
        for container in self.filtered(lambda c: c.vgm_method != "method1"):
            container.vgm_weight = (
                container.cargo_weight + container.packaging_weight
                + container.tare_weight
            )  # fmt: skip

    @api.depends("dd_clock_ids.amount")
    def _compute_dd_amount(self):
        for container in self:
            container.dd_amount = sum(container.dd_clock_ids.mapped("amount"))

    # Computed fields do not trigger constraints: list what they come from.
    @api.constrains(
        "vgm_weight", "cargo_weight", "packaging_weight", "container_type_id",
        "tare_weight", "max_payload", "vgm_method",
    )  # fmt: skip
    def _check_vgm(self):
        for container in self:
            if (
                container.max_gross_weight
                and float_compare(
                    container.vgm_weight, container.max_gross_weight, precision_digits=2
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "Container %(name)s: the verified gross mass %(vgm).0f kg "
                        "exceeds its maximum gross mass %(max).0f kg.",
                        name=container.name,
                        vgm=container.vgm_weight,
                        max=container.max_gross_weight,
                    )
                )

    @api.constrains(*NON_NEGATIVE_FIELDS, "container_type_id", "vgm_method")
    def _check_quantities(self):
        for container in self:
            negative = [
                container._fields[fname].string
                for fname in NON_NEGATIVE_FIELDS
                if container[fname] < 0
            ]
            if negative:
                raise ValidationError(
                    self.env._(
                        "Container %(name)s: %(fields)s cannot be negative.",
                        name=container.name,
                        fields=", ".join(negative),
                    )
                )
            capacity = container.volume_capacity
            if (
                not float_is_zero(capacity, precision_digits=3)
                and float_compare(container.volume_used, capacity, precision_digits=3)
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "Container %(name)s: the volume used %(used).2f m³ exceeds "
                        "its capacity %(capacity).2f m³.",
                        name=container.name,
                        used=container.volume_used,
                        capacity=capacity,
                    )
                )

    @api.constrains(*[event for event, _label in CONTAINER_EVENTS])
    def _check_event_order(self):
        labels = dict(CONTAINER_EVENTS)
        for container in self:
            previous = None
            for event, _label in CONTAINER_EVENTS:
                when = container[event]
                if not when:
                    continue
                if previous and when < container[previous]:
                    raise ValidationError(
                        self.env._(
                            "Container %(name)s: %(event)s (%(when)s) cannot be "
                            "before %(previous)s (%(before)s).",
                            name=container.name,
                            event=labels[event],
                            when=when,
                            previous=labels[previous],
                            before=container[previous],
                        )
                    )
                previous = event

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        with_history = self.filtered(lambda c: c._oms_has_history())
        if with_history:
            raise UserError(
                self.env._(
                    "Containers %s have events, a VGM or D&D charges: archive "
                    "them instead of deleting them.",
                    ", ".join(with_history.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        containers = super().create(vals_list)
        # Clocks are system records (no client creates them): the user
        # creating the container needs no right on them.
        clocks = (
            self.env["oms.dd.clock"].sudo().create(containers._prepare_dd_clock_vals())
        )
        clocks.filtered("start_datetime")._dd_refresh()
        return containers

    def write(self, vals):
        # The weight limits and load follow the container type and the
        # packages: the loading checks read them.
        check_derived_write(self, vals)
        res = super().write(vals)
        if any(event in vals for event, _label in CONTAINER_EVENTS):
            # The clocks move with the events: amounts follow right away,
            # accruals wait for the daily scan.
            self.dd_clock_ids._dd_refresh()
        return res

    def _oms_has_history(self):
        """Whether the container went through something worth keeping: an
        event, a declared VGM or a D&D charge."""
        self.ensure_one()
        clocks = self.dd_clock_ids.sudo()
        return bool(
            any(self[event] for event, _label in CONTAINER_EVENTS)
            or self.vgm_date
            or self.vgm_signatory
            or any(clocks.mapped("accrued_amount"))
            or clocks.rebill_move_id
            or clocks.last_accrual_move_id
        )

    def _prepare_dd_clock_vals(self):
        clock_types = (
            self.env["oms.dd.clock"]._fields["clock_type"].get_values(self.env)
        )
        return [
            {"container_id": container.id, "clock_type": clock_type}
            for container in self
            for clock_type in clock_types
        ]
