# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    """The customer is told once when the date their order is expected
    moves with its supply: one notice per order and new date, whatever the
    number of lines or recomputes behind it."""

    _inherit = "sale.order"

    oms_notified_date = fields.Date(
        string="Expected Date Told",
        readonly=True,
        copy=False,
        help="The expected ship date the customer was last told of after the "
        "supply behind the order moved; empty: the promised date stands.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oms_check_notified_date_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._oms_check_notified_date_vals(vals)
        return super().write(vals)

    @api.model
    def _oms_check_notified_date_vals(self, vals):
        # Bookkeeping of the notices: a client write would silence one.
        if "oms_notified_date" in vals and not self.env.su:
            raise UserError(
                self.env._(
                    "The expected date told to the customer is kept by the "
                    "supply notices, not edited on the order."
                )
            )

    def _oms_get_expected_date(self):
        """When the order is expected to ship now: the latest of its open
        lines' promised or (later) projected dates; False when none is open."""
        self.ensure_one()
        dates = []
        for line in self._oms_get_deliverable_lines():
            delivered = float_compare(
                line.qty_delivered,
                line.product_uom_qty,
                precision_rounding=line.product_uom.rounding or 0.01,
            )
            line_dates = [
                d for d in (line.oms_promised_date, line.oms_projected_date) if d
            ]
            if delivered < 0 and line_dates:
                dates.append(max(line_dates))
        return max(dates) if dates else False

    def _oms_notify_date_changes(self):
        """Tell the customers of the confirmed orders whose expected date
        differs from the one they were last told (the promise at first) of
        the new date, through the ``date_change`` rules (emails). Each
        order's rules run in a savepoint: a failing email opens a
        notification fallout, it does not undo the supply change.

        :returns: the orders whose customer was told of a new date
        """
        changed = self.browse()
        for order in self.filtered(lambda o: o.state == "sale"):
            expected = order._oms_get_expected_date()
            if expected and expected != (
                order.oms_notified_date or order.oms_promised_date
            ):
                # Bookkeeping of the notice itself, whoever moved the supply.
                order.sudo().oms_notified_date = expected
                changed |= order
        for order in changed:
            order = order.with_company(order.company_id)
            try:
                with self.env.cr.savepoint():
                    order._oms_apply_rules("date_change")
            except Exception as error:  # pylint: disable=broad-except
                raise_if_db_conflict(self.env, error)
                _logger.exception("OMS date notice failed for %s", order.name)
                self.env["oms.fallout"]._report(order, "notification", error)
        return changed
