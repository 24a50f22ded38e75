# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsReason(models.Model):
    _inherit = "oms.reason"

    # Without the finance addon, no return, credit note or deduction can
    # refer to a reason of these kinds: they go with it.
    reason_type = fields.Selection(
        selection_add=[
            ("return", "Return"),
            ("credit", "Credit note"),
            ("deduction", "Payment deduction"),
        ],
        ondelete={
            "return": "cascade",
            "credit": "cascade",
            "deduction": "cascade",
        },
    )
