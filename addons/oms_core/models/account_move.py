# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools.transition import check_transition_write, transition


class AccountMove(models.Model):
    _inherit = "account.move"

    # Transition points of the OMS stage history: posting, resetting or
    # cancelling an invoice moves its orders to or from "invoiced". They are
    # also the only ways to change an entry's status: Odoo writes ``state``
    # (and ``payment_state`` when blocking a payment) with a plain ``write``
    # after its checks, so a client writing them itself would post an
    # invoice without ``_post``'s checks and entries, or reset a reconciled
    # one to draft without undoing its reconciliation.

    def _post(self, soft=True):
        with transition(self):
            posted = super()._post(soft=soft)
        # The stage reads the orders' invoices through their lines, ordered
        # by move_name: flushing that field alone would split Odoo's UPDATE
        # of the posted lines in two. The lines are flushed whole instead,
        # as the request would flush them (one query less per post).
        self.env["account.move.line"].flush_model()
        posted._oms_get_sale_orders()._oms_sync_stage()
        return posted

    def button_draft(self):
        with transition(self):
            result = super().button_draft()
        self._oms_get_sale_orders()._oms_sync_stage()
        return result

    def button_cancel(self):
        with transition(self):
            result = super().button_cancel()
        self._oms_get_sale_orders()._oms_sync_stage()
        return result

    def action_toggle_block_payment(self):
        with transition(self):
            return super().action_toggle_block_payment()

    def write(self, vals):
        check_transition_write(
            self,
            vals,
            ("state", "payment_state"),
            lambda move, fname, value: move[fname] != value,
            lambda: self.env._("Confirm, Reset to Draft, Cancel, Block Payment"),
        )
        return super().write(vals)

    def _oms_get_sale_orders(self):
        # Accountants post without rights on sales orders: finding the orders
        # whose stage follows is bookkeeping.
        return self.sudo().invoice_line_ids.sale_line_ids.order_id
