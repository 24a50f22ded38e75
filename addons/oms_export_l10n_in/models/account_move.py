# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _compute_fiscal_position_id(self):
        """Exports of a company supplying under LUT take l10n_in's LUT
        position in place of its IGST-paid export position."""
        result = super()._compute_fiscal_position_id()
        for company, moves in self.grouped("company_id").items():
            company._oms_l10n_in_apply_lut(moves)
        return result
