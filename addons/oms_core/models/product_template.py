# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oms_floor_price = fields.Float(
        string="Floor Price",
        digits="Product Price",
        help="In company currency. Selling below it needs approval when the "
        "price-floor rule is active.",
    )
