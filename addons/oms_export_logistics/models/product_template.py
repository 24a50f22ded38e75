# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    oms_export_charge_type = fields.Selection(
        [("freight", "Freight"), ("insurance", "Insurance")],
        string="Export Charge",
        help="Order lines of this product are the freight or insurance charge "
        "the incoterm may require (CIF, CIP, CFR, CPT).",
    )
