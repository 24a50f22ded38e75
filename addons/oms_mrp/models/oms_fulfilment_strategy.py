# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFulfilmentStrategy(models.Model):
    _inherit = "oms.fulfilment.strategy"

    oms_engineering_approval = fields.Boolean(
        string="Engineering Approval",
        help="Lines of this strategy wait for a member of the approver group "
        "to approve the design (bill of materials, drawing) before their "
        "manufacturing order is released; the order is on hold meanwhile.",
    )
    oms_engineering_group_id = fields.Many2one(
        "res.groups",
        string="Approved By",
        help="Members of this group approve the design of the lines.",
    )
