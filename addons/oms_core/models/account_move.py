# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    # Transition points of the OMS stage history: posting, resetting or
    # cancelling an invoice moves its orders to or from "invoiced".

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # The stage reads the orders' invoices through their lines, ordered
        # by move_name: flushing that field alone would split Odoo's UPDATE
        # of the posted lines in two. The lines are flushed whole instead,
        # as the request would flush them (one query less per post).
        self.env["account.move.line"].flush_model()
        posted._oms_get_sale_orders()._oms_sync_stage()
        return posted

    def button_draft(self):
        result = super().button_draft()
        self._oms_get_sale_orders()._oms_sync_stage()
        return result

    def button_cancel(self):
        result = super().button_cancel()
        self._oms_get_sale_orders()._oms_sync_stage()
        return result

    def _oms_get_sale_orders(self):
        # Accountants post without rights on sales orders: finding the orders
        # whose stage follows is bookkeeping.
        return self.sudo().invoice_line_ids.sale_line_ids.order_id
