# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsRule(models.Model):
    _inherit = "oms.rule"

    check_method = fields.Selection(
        selection_add=[
            (
                "_oms_check_incoterm_costs",
                "Incoterm charges or named place missing",
            ),
        ],
        ondelete={"_oms_check_incoterm_costs": "set null"},
    )
