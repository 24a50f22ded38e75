# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class OmsHoldRelease(models.TransientModel):
    """Release or cancel holds, with the comment that explains why."""

    _name = "oms.hold.release"
    _description = "Release OMS Holds"

    hold_ids = fields.Many2many("oms.order.hold", string="Holds", required=True)
    mode = fields.Selection(
        [("release", "Release"), ("cancel", "Cancel")],
        required=True,
        default="release",
    )
    comment = fields.Text(required=True)

    def _get_comment(self):
        self.ensure_one()
        comment = (self.comment or "").strip()
        if not comment:
            raise UserError(
                self.env._("Explain why the holds are released or cancelled.")
            )
        return comment

    def action_release(self):
        self.ensure_one()
        self.hold_ids.action_release(self._get_comment())
        return {"type": "ir.actions.act_window_close"}

    def action_cancel_holds(self):
        self.ensure_one()
        self.hold_ids.action_cancel(self._get_comment())
        return {"type": "ir.actions.act_window_close"}
