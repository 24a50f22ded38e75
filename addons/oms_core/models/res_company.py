# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _oms_demo_chart_template(self):
        """The chart of accounts of the demo exporter: Odoo's Indian chart
        when the Indian localisation is installed (GST taxes, export fiscal
        positions), else the generic one. The OMS does not depend on l10n_in."""
        # Installed means loaded with its data (tax tags, port codes), in
        # this very run too: a module is marked installed once loaded.
        l10n_in = (
            self.env["ir.module.module"]
            .sudo()
            .search_count([("name", "=", "l10n_in"), ("state", "=", "installed")])
        )
        return "in" if l10n_in else "generic_coa"

    def _oms_load_demo_chart(self):
        """Give the demo companies accounts and journals, books in INR and
        India as fiscal country (the generic chart is American)."""
        chart = self._oms_demo_chart_template()
        for company in self:
            self.env["account.chart.template"].try_loading(
                chart, company, install_demo=False
            )
        self.write(
            {
                "currency_id": self.env.ref("base.INR").id,
                "account_fiscal_country_id": self.env.ref("base.in").id,
            }
        )
