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
