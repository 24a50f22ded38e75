# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.transition import check_derived_write, check_transition_write, transition

# States an order enters or leaves only through its buttons: confirming runs
# the OMS rules (holds, credit and fraud checks) and launches procurement;
# cancelling cancels its deliveries and draft invoices.
GATED_STATES = ("sale", "cancel")


def _state_refused(order, fname, value):
    if fname == "invoice_status":  # Odoo's compute of the invoiced lines
        return value != order.invoice_status
    return value != order.state and (
        value in GATED_STATES or order.state in GATED_STATES
    )


class SaleOrder(models.Model):
    """An order's state and invoice status change only through Odoo's own
    transitions, which the OMS extends with its gate: Odoo writes ``state``
    with a plain ``write`` inside them, which a JSON-RPC client could call
    itself to confirm an order past every rule."""

    _inherit = "sale.order"

    def action_confirm(self):
        with transition(self):
            return super().action_confirm()

    def _action_cancel(self):
        with transition(self):
            return super()._action_cancel()

    def action_draft(self):
        with transition(self):
            return super().action_draft()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state") in GATED_STATES or "invoice_status" in vals
            for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "An order is created as a quotation; confirming or "
                    "cancelling it is done with its buttons."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        check_transition_write(
            self,
            vals,
            ("state", "invoice_status"),
            _state_refused,
            lambda: self.env._("Confirm, Cancel, Set to Quotation"),
        )
        # The OMS's stage, money state, hold and export flags, roll-ups:
        # what notifications, rules and reports read.
        check_derived_write(self, vals, "oms_")
        return super().write(vals)
