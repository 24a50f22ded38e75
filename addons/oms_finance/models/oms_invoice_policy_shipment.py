# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, tools


class OmsInvoicePolicy(models.Model):
    """Whether any policy invoices on shipment, asked at every delivery
    validated (``stock.picking._oms_enqueue_shipment_invoicing``): cached,
    until a policy is created, deleted or its trigger changes."""

    _inherit = "oms.invoice.policy"

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        self.env.registry.clear_cache()
        return policies

    def write(self, vals):
        if "trigger" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _oms_has_on_shipment_policy(self):
        """Whether any on-shipment policy exists, archived ones and other
        companies' included: a customer's own policy is used as it is (see
        ``_oms_policies_for``). Deliveries of a database invoicing otherwise
        read neither their customers' policies nor the invoice-policy rules.
        """
        # Which policies exist is configuration, whoever validates.
        policies = self.sudo().with_context(active_test=False)
        return bool(policies.search_count([("trigger", "=", "on_shipment")], limit=1))
