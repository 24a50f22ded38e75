# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    oms_return_request_id = fields.Many2one(
        "oms.return.request",
        string="Return Request",
        copy=False,
        index="btree_not_null",
        readonly=True,
    )

    def _action_done(self):
        res = super()._action_done()
        done = self.filtered(lambda p: p.state == "done")
        # Warehouse users validate receipts and deliveries without rights on
        # returns, policies or invoices: what follows is the back office's
        # automated step, run as such (the job keeps the superuser flag).
        done.sudo().oms_return_request_id._oms_on_receipt_done()
        done.sudo()._oms_enqueue_shipment_invoicing()
        return res

    def action_oms_create_return_request(self):
        """A return request for this delivery of a sales order."""
        self.ensure_one()
        action = self.sale_id.action_oms_create_return()
        action["context"] = dict(action["context"], default_picking_id=self.id)
        return action

    def _oms_enqueue_shipment_invoicing(self):
        """On-shipment policies: a job invoices the shipped orders (never
        inline, the warehouse user does not wait for accounting)."""
        orders = self.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.sale_id
        ).sale_id
        Policy = self.env["oms.invoice.policy"]
        if not orders or not Policy._oms_has_on_shipment_policy():
            return
        policies = Policy._oms_policies_for(orders)
        by_policy = {}
        for order, policy in policies.items():
            if policy.trigger == "on_shipment":
                by_policy[policy] = by_policy.get(policy, orders.browse()) | order
        for policy, policy_orders in by_policy.items():
            policy._oms_enqueue(policy_orders)
