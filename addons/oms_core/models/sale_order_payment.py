# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    """Whether an order has payment transactions at all, in its own row: the
    money checks (``oms_money_state`` at every delivery, invoice posting and
    payment, the prepayment rule) read the transactions only of the orders
    that have some."""

    _inherit = "sale.order"

    oms_has_transaction = fields.Boolean(
        string="Has Payment Transactions",
        compute="_compute_oms_has_transaction",
        store=True,
        copy=False,
    )

    @api.depends("transaction_ids")
    def _compute_oms_has_transaction(self):
        for order in self:
            order.oms_has_transaction = bool(order.transaction_ids)

    def write(self, vals):
        if "oms_has_transaction" in vals and not self.env.su:
            # Kept by the ORM from the transactions: a client clearing it
            # would hide an order's payments from the money checks.
            raise UserError(
                self.env._(
                    "Whether an order has payment transactions follows its "
                    "transactions; it is not set by hand."
                )
            )
        return super().write(vals)
