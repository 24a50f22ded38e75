# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    # A manufacturing order already started for a cancelled or reduced
    # order: a person decides (finish it for stock, scrap, ...).
    # No automatic retry: it is resolved by hand.
    step = fields.Selection(
        selection_add=[("production_supply", "Production Supply")],
        ondelete={"production_supply": "cascade"},
    )
