# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsOrderCancel(models.TransientModel):
    """Cancel sales orders with a cancellation reason code."""

    _name = "oms.order.cancel"
    _description = "Cancel Orders With a Reason"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason_id = fields.Many2one(
        "oms.reason",
        string="Reason",
        required=True,
        domain="[('reason_type', '=', 'cancel')]",
    )
    note = fields.Text()

    @api.constrains("reason_id")
    def _check_reason_id(self):
        for wizard in self:
            if wizard.reason_id.reason_type != "cancel":
                raise ValidationError(
                    self.env._(
                        "%s is not a cancellation reason.", wizard.reason_id.name
                    )
                )

    def action_cancel_orders(self):
        self.ensure_one()
        self.order_ids._oms_cancel_with_reason(self.reason_id, self.note)
        return {"type": "ir.actions.act_window_close"}
