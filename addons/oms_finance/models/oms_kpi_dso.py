# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models

# Months the count-back walks at most: receivables older than that count as
# a full year of sales outstanding.
DSO_MAX_MONTHS = 12


class OmsKpiDso(models.AbstractModel):
    """Days sales outstanding by the count-back method.

    Open receivables at the end of a period (company currency) are matched
    against the invoiced sales of the months before it, newest first: each
    month fully covered adds its days, the month that covers the rest adds
    the matching fraction of its days. The result is never negative (no
    receivables: 0 days) and, unlike receivables / sales x days, does not
    swing with one month's invoicing. The walk stops after
    ``DSO_MAX_MONTHS`` months.
    """

    _name = "oms.kpi.dso"
    _description = "OMS DSO (count-back)"

    @api.model
    def _oms_receivable_domain(self, companies):
        return [
            ("company_id", "in", companies.ids),
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
        ]

    @api.model
    def _oms_dso(self, companies, end_dates):
        """``{(company, end date): days}`` for every company and end date,
        in three queries whatever the number of invoices."""
        if not companies or not end_dates:
            return {}
        start = min(end_dates) - relativedelta(months=DSO_MAX_MONTHS)
        last = max(end_dates)
        Line = self.env["account.move.line"]
        domain = self._oms_receivable_domain(companies)
        opening = dict(
            Line._read_group(
                domain + [("date", "<", start)], ["company_id"], ["balance:sum"]
            )
        )
        range_domain = domain + [("date", ">=", start), ("date", "<=", last)]
        moves = defaultdict(dict)
        for company, day, balance in Line._read_group(
            range_domain, ["company_id", "date:day"], ["balance:sum"]
        ):
            moves[company][day] = balance
        sales = defaultdict(dict)
        for company, day, balance in Line._read_group(
            range_domain + [("move_id.move_type", "in", ("out_invoice", "out_refund"))],
            ["company_id", "date:day"],
            ["balance:sum"],
        ):
            sales[company][day] = balance
        result = {}
        for company in companies:
            for end in end_dates:
                receivable = opening.get(company, 0.0) + sum(
                    amount for day, amount in moves[company].items() if day <= end
                )
                result[(company, end)] = self._oms_count_back(
                    receivable, sales[company], end
                )
        return result

    @api.model
    def _oms_count_back(self, receivable, sales_by_day, end):
        if receivable <= 0:
            return 0.0
        days = 0.0
        window_end = end
        for _month in range(DSO_MAX_MONTHS):
            window_start = window_end - relativedelta(months=1)
            window_days = (window_end - window_start).days
            sales = sum(
                amount
                for day, amount in sales_by_day.items()
                if window_start < day <= window_end
            )
            if sales > 0 and receivable <= sales:
                return days + receivable / sales * window_days
            days += window_days
            receivable -= max(sales, 0.0)
            window_end = window_start
        return days
