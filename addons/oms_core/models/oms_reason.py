# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsReason(models.Model):
    """Reason codes for holds, order changes, cancellations, returns,
    credit notes and payment deductions."""

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
            ("return", "Return"),
            ("credit", "Credit note"),
            ("deduction", "Payment deduction"),
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
