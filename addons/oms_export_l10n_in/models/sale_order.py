# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _prepare_invoice(self):
        """An invoice made after the CHA reported the shipping bill carries it."""
        values = super()._prepare_invoice()
        shipments = self.oms_export_shipment_ids.filtered(
            "l10n_in_shipping_bill_number"
        )
        if shipments and self.company_id.account_fiscal_country_id.code == "IN":
            latest = shipments.sorted(
                lambda s: (s.l10n_in_shipping_bill_date or s.create_date.date(), s.id)
            )[-1]
            values.update(latest._l10n_in_prepare_invoice_values())
        return values

    def _compute_fiscal_position_id(self):
        """Exports of a company supplying under LUT take l10n_in's LUT
        position in place of its IGST-paid export position."""
        result = super()._compute_fiscal_position_id()
        for company, orders in self.grouped("company_id").items():
            company._oms_l10n_in_apply_lut(orders)
        return result
