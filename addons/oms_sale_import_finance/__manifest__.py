# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Sale Import - Finance KPIs",
    "summary": "Order KPIs (straight-through rate, ...) per capture channel",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_sale_import", "oms_finance"],
    "data": ["views/oms_kpi_order_views.xml"],
    "auto_install": True,
    "installable": True,
}
