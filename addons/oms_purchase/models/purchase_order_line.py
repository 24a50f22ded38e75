# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_compare


class PurchaseOrderLine(models.Model):
    """Purchase lines bought for sales order lines. Odoo links them through
    stock moves, not ``sale_line_id`` (that is for services and drop
    shipping): the RFQ line's destination moves are the order's deliveries,
    and one RFQ line may serve several orders of the same vendor."""

    _inherit = "purchase.order.line"

    def write(self, vals):
        result = super().write(vals)
        if "date_planned" in vals:
            # The vendor moved the receipt: the sales lines waiting for it
            # are re-projected and their jeopardy level follows at once.
            # Bookkeeping of the system: a buyer may not read sales lines.
            self.sudo()._oms_get_sale_lines()._oms_supply_moved()
        return result

    # BUSINESS METHODS

    def _oms_get_dest_moves(self):
        """The moves the lines were bought for (the first of each chain)."""
        return self.move_dest_ids | self.move_ids.move_dest_ids

    def _oms_get_sale_lines(self):
        """The sales order lines the purchase lines were bought for, at the
        end of their move chains (pick, pack, ship)."""
        moves = self._oms_get_dest_moves()
        return self.env["stock.move"].browse(moves._rollup_move_dests()).sale_line_id

    def _oms_is_started(self):
        """Whether the vendor was already committed (the PO is confirmed):
        only a person may then cancel or keep the supply."""
        self.ensure_one()
        return self.order_id.state in ("purchase", "done")

    def _oms_prepare_supply_document(self):
        self.ensure_one()
        order = self.order_id
        return {
            "name": order.name,
            "model": "purchase.order",
            "res_id": order.id,
            "date": self.date_planned,
            "state": order.state,
            "started": self._oms_is_started(),
            "done": float_compare(
                self.qty_received,
                self.product_qty,
                precision_rounding=self.product_uom.rounding or 0.01,
            )
            >= 0,
        }

    def _oms_get_needed_qty(self):
        """Quantity (product unit) the line's open destination moves still
        need."""
        self.ensure_one()
        moves = self._oms_get_dest_moves().filtered(
            lambda move: move.state != "cancel" and move.product_id == self.product_id
        )
        return sum(moves.mapped("product_qty"))

    def _oms_fit_to_demand(self, sale_orders, reason):
        """Sales lines bought for were cancelled or reduced: an RFQ line
        ordering more than its deliveries still need is cut down, or removed
        (the RFQ cancelled when nothing is left on it); a purchase order
        already confirmed with the vendor opens a fallout on ``sale_orders``
        for a person to decide (never left behind silently).

        :returns: the purchase order lines left to a person
        """
        started = self.browse()
        to_remove = self.browse()
        # The order's own supply follows its change or cancellation: sales
        # users, who do that, have no purchase rights.
        for line in self.sudo().filtered(lambda line: line.state != "cancel"):
            needed = line._oms_get_needed_qty()
            ordered = line.product_uom_qty
            rounding = line.product_id.uom_id.rounding
            if float_compare(ordered, needed, precision_rounding=rounding) <= 0:
                continue
            if line._oms_is_started():
                started |= line
            elif float_compare(needed, 0.0, precision_rounding=rounding) > 0:
                line.product_qty = line.product_id.uom_id._compute_quantity(
                    needed, line.product_uom
                )
            else:
                to_remove |= line
        for order, lines in to_remove.grouped("order_id").items():
            if order.order_line.filtered(lambda l: not l.display_type) - lines:
                lines.unlink()
            else:
                order.button_cancel()
        if started:
            self.env["oms.fallout"]._report(
                sale_orders,
                "purchase_supply",
                self.env._(
                    "%(reason)s, but the vendor already confirmed %(orders)s: "
                    "reduce or cancel it with the vendor, or keep the goods "
                    "as stock.",
                    reason=reason,
                    orders=", ".join(started.order_id.mapped("name")),
                ),
            )
        return started.sudo(False)
