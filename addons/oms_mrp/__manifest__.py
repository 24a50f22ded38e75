# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Manufacturing",
    "summary": "Make-, assemble- and engineer-to-order on Odoo Manufacturing: "
    "a manufacturing order per line, engineering approval, real lead times",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_core", "sale_mrp"],
    "data": [
        "security/oms_mrp_groups.xml",
        "data/oms_reason_data.xml",
        "data/oms_fulfilment_strategy_data.xml",
        "data/mail_template_data.xml",
        "data/oms_rule_data.xml",
        "views/oms_fulfilment_strategy_views.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oms_mrp/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
