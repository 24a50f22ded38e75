# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        # Read the supply before the cancellation cuts the deliveries off it.
        po_lines = self.order_line._oms_get_purchase_lines()
        result = super()._action_cancel()
        if po_lines:
            po_lines._oms_fit_to_demand(
                self,
                self.env._("Order %s was cancelled", ", ".join(self.mapped("name"))),
            )
        return result

    def _oms_after_change(self, changes):
        """A reduced line gives back what its RFQ no longer needs."""
        result = super()._oms_after_change(changes)
        reduced = self.env["sale.order.line"].union(
            *(line for line, (old, new) in changes.items() if new < old)
        )
        po_lines = reduced._oms_get_purchase_lines()
        if po_lines:
            po_lines._oms_fit_to_demand(
                self, self.env._("Order %s was reduced", self.name)
            )
        return result
