# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsHoldRelease(models.TransientModel):
    _name = "oms.hold.release"
    _description = "Release OMS Holds"

    hold_ids = fields.Many2many("oms.order.hold", string="Holds", required=True)
    comment = fields.Text(required=True)

    def action_release(self):
        self.ensure_one()
        self.hold_ids.action_release(self.comment)
        return {"type": "ir.actions.act_window_close"}
