# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    # The finance steps that fail for an order: invoicing jobs, return
    # resolutions and cash application. Their fallouts go with the addon.
    step = fields.Selection(
        selection_add=[
            ("invoicing", "Invoicing"),
            ("return", "Return resolution"),
            ("cash_application", "Cash Application"),
        ],
        ondelete={
            "invoicing": "cascade",
            "return": "cascade",
            "cash_application": "cascade",
        },
    )

    def _retry_invoicing(self):
        """:returns: whether the order is now invoiced"""
        order = self.order_id
        policy = order._oms_get_invoice_policy()
        if not policy or policy.trigger == "manual":
            return False
        policy._oms_job_invoice_orders(order)
        return order.invoice_status != "to invoice"

    def _retry_return(self):
        """:returns: whether the order's received returns are now resolved"""
        requests = self.order_id.oms_return_request_ids.filtered(
            lambda r: r.state == "received"
        )
        requests.action_process()
        return all(r.state == "done" for r in requests)

    def _retry_cash_application(self):
        """:returns: whether the order's failed receipts now went through"""
        applications = self.env["oms.cash.application"].search(
            [("order_id", "in", self.order_id.ids), ("state", "=", "error")]
        )
        applications._run_sources()
        return not applications.filtered(lambda a: a.state == "error")
