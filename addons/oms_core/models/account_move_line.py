# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # Transition points of the OMS stage history: every payment, credit note
    # or bank matching of an invoice reconciles through ``reconcile()``
    # (payment register, outstanding credits, bank reconciliation, reversal)
    # and is undone through ``remove_move_reconcile()``; they move orders
    # between invoiced and paid.

    def reconcile(self):
        result = super().reconcile()
        self._oms_get_sale_orders()._oms_sync_stage()
        return result

    def remove_move_reconcile(self):
        orders = self._oms_get_sale_orders()
        result = super().remove_move_reconcile()
        orders._oms_sync_stage()
        return result

    def _oms_get_sale_orders(self):
        """The sales orders invoiced by the moves of these lines or of the
        lines they are reconciled with."""
        # Accountants reconcile without rights on sales orders: finding the
        # orders whose stage follows is bookkeeping.
        lines = self.sudo()
        lines |= lines.matched_debit_ids.debit_move_id
        lines |= lines.matched_credit_ids.credit_move_id
        invoices = lines.move_id.filtered(lambda move: move.is_invoice())
        return invoices.invoice_line_ids.sale_line_ids.order_id
