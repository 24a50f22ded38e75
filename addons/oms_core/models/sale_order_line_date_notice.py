# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oms_supply_moved(self):
        # Once the lines are re-projected, their orders' customers hear of a
        # changed date: once per order, however many of its lines moved.
        lines = super()._oms_supply_moved()
        for company, company_lines in lines.grouped("company_id").items():
            # As the re-projection: the buyer or planner who moved the
            # supply may have no rights on sales orders.
            company_lines.order_id.with_company(
                company
            ).sudo()._oms_notify_date_changes()
        return lines
