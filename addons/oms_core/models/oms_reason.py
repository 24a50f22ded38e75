# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsReason(models.Model):
    """Reason codes for holds, order changes and cancellations; other addons
    add their kinds (``selection_add`` on ``reason_type``)."""

    _name = "oms.reason"
    _description = "OMS Reason Code"
    _order = "reason_type, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    reason_type = fields.Selection(
        [
            ("hold", "Hold"),
            ("change", "Order change"),
            ("cancel", "Cancellation"),
        ],
        required=True,
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")

    _sql_constraints = [
        (
            "code_type_company_uniq",
            "unique(code, reason_type, company_id)",
            "A reason code must be unique per type and company.",
        ),
    ]

    # CONSTRAINT METHODS

    @api.model
    def _oms_check_reason_type(self, records, fname, reason_type):
        """Raise a ValidationError unless ``records[fname]`` is empty or a
        reason of ``reason_type``. Models call it from their constraints: a
        field's domain only filters the UI, not what a client writes."""
        wrong = records.filtered(
            lambda r: r[fname] and r[fname].reason_type != reason_type
        )
        if wrong:
            types = dict(self._fields["reason_type"]._description_selection(self.env))
            raise ValidationError(
                self.env._(
                    "%(reason)s is not a reason of type %(type)s.",
                    reason=wrong[0][fname].display_name,
                    type=types[reason_type],
                )
            )

    def _oms_get_usage_fields(self):
        """Stored many2one fields that point at reason codes."""
        return [
            field
            for model in self.env.registry.values()
            if not model._abstract and not model._transient
            for field in model._fields.values()
            if field.type == "many2one"
            and field.comodel_name == self._name
            and field.store
        ]

    # CRUD

    def write(self, vals):
        if "reason_type" in vals:
            self._oms_check_type_change(vals["reason_type"])
        return super().write(vals)

    def _oms_check_type_change(self, reason_type):
        # A code already given to holds, returns, ... keeps its kind: turning
        # it into another kind would slip it past the checks made when it was
        # chosen.
        changed = self.filtered(lambda r: r.reason_type != reason_type)
        if not changed:
            return
        for field in self._oms_get_usage_fields():
            # Usage is counted across companies and record rules.
            if (
                self.env[field.model_name]
                .sudo()
                .with_context(active_test=False)
                .search_count([(field.name, "in", changed.ids)], limit=1)
            ):
                raise ValidationError(
                    self.env._(
                        "Reason %s is in use: its type cannot change. Archive it "
                        "and create a reason of the new type instead.",
                        changed[0].display_name,
                    )
                )
