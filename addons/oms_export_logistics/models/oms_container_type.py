# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class OmsContainerType(models.Model):
    """An equipment type (20GP, 40HC, ...) with its ISO 6346 size-type code
    and capacity, used for container defaults and tariff matching."""

    _name = "oms.container.type"
    _description = "Container Type"
    _order = "sequence, code"
    _rec_names_search = ["code", "name", "iso_code"]

    code = fields.Char(required=True, help="Trade code, e.g. 20GP or 40HC.")
    name = fields.Char(required=True, translate=True)
    iso_code = fields.Char(string="ISO Size Type", help="ISO 6346, e.g. 22G1.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tare_weight = fields.Float(string="Tare (kg)", digits="Stock Weight")
    max_payload = fields.Float(string="Max Payload (kg)", digits="Stock Weight")
    max_gross_weight = fields.Float(
        string="Max Gross Mass (kg)",
        compute="_compute_max_gross_weight",
        store=True,
        digits="Stock Weight",
    )
    volume = fields.Float(string="Volume (m³)", digits="Volume")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A container type code must be unique."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for ctype in self:
            ctype.display_name = f"{ctype.code} {ctype.name}"

    @api.depends("tare_weight", "max_payload")
    def _compute_max_gross_weight(self):
        for ctype in self:
            ctype.max_gross_weight = ctype.tare_weight + ctype.max_payload

    @api.constrains("tare_weight", "max_payload", "volume")
    def _check_capacity(self):
        for ctype in self:
            if min(ctype.tare_weight, ctype.max_payload, ctype.volume) < 0:
                raise ValidationError(
                    self.env._(
                        "Container type %s: tare, payload and volume cannot be "
                        "negative.",
                        ctype.code,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # The superuser (module data, tests' set-up) may clean up anything.
        if self.env.su:
            return
        # Containers of every company count: sudo only counts them.
        containers = (
            self.env["oms.export.container"].sudo().with_context(active_test=False)
        )
        if containers.search_count([("container_type_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "These container types are used by containers: archive them "
                    "instead of deleting them."
                )
            )
