# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    oms_l10n_in_export_supply = fields.Selection(
        related="company_id.oms_l10n_in_export_supply", readonly=False
    )
