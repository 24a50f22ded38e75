# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Purchase",
    "summary": "Buy-to-order on Odoo Purchase: order lines create or join the "
    "vendor's RFQ, vendor lead times set P, late POs raise jeopardy",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_core", "sale_purchase_stock"],
    "data": [
        "data/oms_fulfilment_strategy_data.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
