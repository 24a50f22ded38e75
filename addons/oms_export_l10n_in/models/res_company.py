# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    oms_l10n_in_export_supply = fields.Selection(
        [
            ("lut", "Under LUT, without payment of IGST"),
            ("igst", "On payment of IGST (refund claimed)"),
        ],
        string="Export Supplies",
        default="lut",
        required=True,
        help="How exports are zero-rated under GST: under the letter of "
        "undertaking (l10n_in's LUT - Export/SEZ position) or on payment of "
        "IGST refunded later (its Export/SEZ position).",
    )

    def _oms_l10n_in_export_positions(self):
        """(IGST-paid export position, LUT position to use instead or None)
        of the company's Indian chart; (None, None) without that chart or
        when the company supplies exports on payment of IGST."""
        self.ensure_one()
        if (
            self.oms_l10n_in_export_supply != "lut"
            or self.root_id.chart_template != "in"
        ):
            return None, None
        Chart = self.env["account.chart.template"].with_company(self)
        export = Chart.ref("fiscal_position_in_export_sez_in", raise_if_not_found=False)
        lut = Chart.ref("fiscal_position_in_lut_sez", raise_if_not_found=False)
        if not (export and lut):
            return None, None
        return export, lut

    def _oms_l10n_in_apply_lut(self, records):
        """Move ``records`` (sale orders or invoices of this company) from
        l10n_in's IGST-paid export position to its LUT position, unless the
        position comes from the customer, which l10n_in keeps as chosen."""
        if not self:  # a new record without its company yet
            return
        export, lut = self._oms_l10n_in_export_positions()
        if not lut:
            return
        records.filtered(
            lambda r: r.fiscal_position_id == export and not _customer_position(r)
        ).fiscal_position_id = lut


def _customer_position(record):
    """The fiscal position set on the record's customer (or ship-to)."""
    company = record.company_id
    return (
        record.partner_shipping_id.with_company(company).property_account_position_id
        or record.partner_id.with_company(company).property_account_position_id
    )
