# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsCustomerProductCode(models.Model):
    """A customer's own item code for one of our products.

    Community has no ``product.customerinfo`` and ``product.supplierinfo``
    is the vendor side: purchase orders of customers name their items by
    these codes.
    """

    _name = "oms.customer.product.code"
    _description = "Customer Product Code"
    _order = "partner_id, code"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    code = fields.Char(string="Customer Item Code", required=True, index=True)
    product_id = fields.Many2one(
        "product.product", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "partner_code_company_uniq",
            "unique(partner_id, code, company_id)",
            "A customer item code names one product only.",
        )
    ]

    @api.model
    def _oms_products_by_code(self, partner, codes):
        """``{code: product}`` of ``codes`` for the customer ``partner``:
        its own codes first, then our internal references and barcodes."""
        commercial = partner.commercial_partner_id
        codes = {code for code in codes if code}
        found = {
            rec.code: rec.product_id
            for rec in self.search(
                [
                    ("partner_id", "=", commercial.id),
                    ("code", "in", list(codes)),
                    ("company_id", "in", [False, self.env.company.id]),
                ]
            )
        }
        missing = list(codes - set(found))
        if missing:
            products = self.env["product.product"].search(
                [
                    ("sale_ok", "=", True),
                    ("company_id", "in", [False, self.env.company.id]),
                    "|",
                    ("default_code", "in", missing),
                    ("barcode", "in", missing),
                ]
            )
            for product in products:
                for key in (product.default_code, product.barcode):
                    if key in missing:
                        found.setdefault(key, product)
        return found
