# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    # A purchase order already sent to the vendor for a cancelled or reduced
    # order: a person decides (cancel with the vendor, keep as stock, ...).
    # No automatic retry: it is resolved by hand.
    step = fields.Selection(
        selection_add=[("purchase_supply", "Purchase Supply")],
        ondelete={"purchase_supply": "cascade"},
    )
