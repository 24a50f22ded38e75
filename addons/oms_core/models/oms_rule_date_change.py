# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsRule(models.Model):
    _inherit = "oms.rule"

    # The date the customer expects moved with the supply behind the order
    # (see sale.order._oms_notify_date_changes): notify rules of this event
    # tell the customer, as the stage rules announce stages.
    event = fields.Selection(
        selection_add=[("date_change", "Expected date change")],
        ondelete={"date_change": "cascade"},
    )
