# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.transition import check_transition_write, transition


def _done_refused(move, fname, value):
    return value != move.state and "done" in (value, move.state)


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        # The only way a move becomes done: it moves the stock and is what
        # the delivered quantities (and so invoicing) count. A move written
        # "done" by a client would bill goods that never left, past the
        # prepayment check of the delivery. Moves split or added on the way
        # are written done too, hence the whole model.
        with transition(self, whole_model=True):
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

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(v.get("state") == "done" for v in vals_list):
            raise UserError(self.env._("A stock move is done only by validating it."))
        return super().create(vals_list)

    def write(self, vals):
        check_transition_write(
            self,
            vals,
            ("state",),
            _done_refused,
            lambda: self.env._("Validate"),
        )
        return super().write(vals)
