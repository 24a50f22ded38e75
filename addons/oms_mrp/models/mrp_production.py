# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.oms_core.tools.transition import transition


class MrpProduction(models.Model):
    """Manufacturing orders made for sales order lines (``sale_line_id``,
    set by sale_mrp when the line's MTO move makes the warehouse
    manufacture)."""

    _inherit = "mrp.production"

    def write(self, vals):
        result = super().write(vals)
        if {"date_finished", "date_start"} & set(vals):
            # The plant moved the order: the sales lines waiting for it are
            # re-projected and their jeopardy level follows at once.
            self.sale_line_id._oms_supply_moved()
        return result

    def button_mark_done(self):
        # Odoo closes the order by writing "done" on the moves nothing was
        # consumed or produced for, with a plain write: part of its own
        # transition, which oms_core's stock move guard lets through.
        with transition(self.env["stock.move"], whole_model=True):
            return super().button_mark_done()

    # BUSINESS METHODS

    def _oms_is_started(self):
        """Whether work began (quantities produced or components consumed):
        only a person may then stop or keep the order."""
        self.ensure_one()
        return (
            self.state in ("progress", "to_close", "done")
            or bool(self.qty_producing)
            or any(move.picked or move.state == "done" for move in self.move_raw_ids)
        )

    def _oms_prepare_supply_document(self):
        self.ensure_one()
        return {
            "name": self.name,
            "model": "mrp.production",
            "res_id": self.id,
            "date": self.date_finished,
            "state": self.state,
            "started": self._oms_is_started(),
            "done": self.state == "done",
        }

    def _oms_release_for_cancel(self, sale_orders, reason):
        """The sales lines the orders were made for were cancelled: cancel
        the ones not started yet; a started one opens a fallout on
        ``sale_orders`` for a person to decide.

        :returns: the manufacturing orders left to a person
        """
        productions = self.filtered(lambda mo: mo.state not in ("cancel", "done"))
        started = productions.filtered(lambda mo: mo._oms_is_started())
        # The order's own supply follows its cancellation: sales users, who
        # cancel orders, have no manufacturing rights.
        (productions - started).sudo().action_cancel()
        done = self.filtered(lambda mo: mo.state == "done")
        to_decide = started | done
        if to_decide:
            self.env["oms.fallout"]._report(
                sale_orders,
                "production_supply",
                self.env._(
                    "%(reason)s, but production already started or finished "
                    "%(orders)s: finish it for stock, or stop and scrap it.",
                    reason=reason,
                    orders=", ".join(to_decide.mapped("name")),
                ),
            )
        return to_decide
