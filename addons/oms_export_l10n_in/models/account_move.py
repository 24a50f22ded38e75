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
            export, lut = company._oms_l10n_in_export_positions()
            if lut:
                moves.filtered(
                    lambda m, export=export: (
                        m.fiscal_position_id == export
                        and not m._oms_l10n_in_partner_position()
                    )
                ).fiscal_position_id = lut
        return result

    def _oms_l10n_in_partner_position(self):
        """The position set on the customer, which l10n_in keeps as chosen."""
        self.ensure_one()
        partner = self.partner_id.with_company(self.company_id)
        return (
            self.partner_shipping_id.with_company(
                self.company_id
            ).property_account_position_id
            or partner.property_account_position_id
        )
