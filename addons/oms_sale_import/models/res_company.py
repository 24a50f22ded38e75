# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # Settings read only by OMS features, never in an order's flow: a
    # prefetch group of their own keeps them out of the rows Odoo fetches
    # whenever it reads the company (every request does).
    oms_po_alias_id = fields.Many2one(
        "mail.alias",
        string="Purchase Order Alias",
        copy=False,
        help="Customers email their purchase orders to this address; each "
        "email becomes a received purchase order of this company.",
        prefetch="oms_settings",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._oms_ensure_po_aliases()
        return companies

    def _oms_prepare_po_alias_vals(self):
        self.ensure_one()
        taken = (
            self.env["mail.alias"].sudo().search_count([("alias_name", "=", "orders")])
        )
        return {
            "alias_name": f"orders-{self.id}" if taken else "orders",
            "alias_model_id": self.env["ir.model"]._get_id("oms.po.intake"),
            "alias_defaults": repr({"company_id": self.id}),
            # Unknown senders are let in so that their email is kept as a
            # failed intake with the reason, for someone to answer.
            "alias_contact": "everyone",
        }

    @api.model
    def _oms_ensure_po_aliases(self):
        """One purchase order alias per company (install and new companies)."""
        companies = self or self.search([])
        for company in companies.filtered(lambda c: not c.oms_po_alias_id):
            # sudo: aliases are mail configuration that company managers
            # may not create themselves; the values are fixed above.
            alias = (
                self.env["mail.alias"]
                .sudo()
                .create(company._oms_prepare_po_alias_vals())
            )
            company.sudo().oms_po_alias_id = alias
