# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    oms_requires_prepayment = fields.Boolean(
        string="Requires Prepayment",
        help="Orders on this term need an authorized or paid transaction "
        "before they are released to fulfilment (OMS payment rule).",
    )
