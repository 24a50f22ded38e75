# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        # Goods picked, delivered or returned move the OMS stage of their
        # orders (a transition point of the stage history). Warehouse users
        # have no right on sales orders: finding them is bookkeeping.
        done = moves.sudo()
        # The procurement group only for moves without a sales line (returns,
        # pickings added by hand): a move of a sales line is of its order, and
        # reading every group would cost a query at each validation.
        orders = done.sale_line_id.order_id
        orders |= done.filtered(lambda move: not move.sale_line_id).group_id.sale_id
        orders._oms_sync_stage()
        return moves
