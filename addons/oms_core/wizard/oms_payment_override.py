# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class OmsPaymentOverride(models.TransientModel):
    """An OMS manager ships deliveries whose order's required prepayment is
    not authorized, with the comment that explains why (recorded on the
    delivery and the order)."""

    _name = "oms.payment.override"
    _description = "Ship Without Authorized Prepayment"

    picking_ids = fields.Many2many("stock.picking", string="Deliveries", required=True)
    reason = fields.Text(compute="_compute_reason", string="Why they are refused")
    comment = fields.Text(required=True)

    @api.depends("picking_ids")
    def _compute_reason(self):
        for wizard in self:
            wizard.reason = wizard.picking_ids._oms_get_unpaid_message()

    def action_confirm(self):
        self.ensure_one()
        # A client may call this method directly: the right is checked here.
        if not self.env.user.has_group("oms_core.group_oms_manager"):
            raise AccessError(
                self.env._(
                    "Only OMS managers may ship an order whose prepayment is "
                    "not authorized."
                )
            )
        comment = (self.comment or "").strip()
        if not comment:
            raise UserError(
                self.env._("Explain why the delivery ships without prepayment.")
            )
        pickings = self.picking_ids._oms_get_unpaid_deliveries()
        pickings._oms_record_payment_override(comment)
        return self.picking_ids.button_validate()
