# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Core",
    "summary": "Rules-driven order pipeline: holds, validation, sourcing, "
    "scheduling, jeopardy and fulfilment on sales orders",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "application": True,
    "depends": [
        "sale_management",
        "sale_stock",
        "stock_delivery",
        "account",
        "payment",
    ],
    "data": [
        "security/oms_core_groups.xml",
        "security/ir.model.access.csv",
        "security/oms_core_security.xml",
        "data/oms_reason_data.xml",
        "data/mail_template_data.xml",
        "data/oms_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/oms_rule_views.xml",
        "views/oms_reason_views.xml",
        "views/oms_order_hold_views.xml",
        "views/oms_stage_history_views.xml",
        "views/oms_fallout_views.xml",
        "views/sale_order_views.xml",
        "views/account_payment_term_views.xml",
        "views/product_template_views.xml",
        "wizard/oms_hold_release_views.xml",
        "wizard/oms_rule_dry_run_views.xml",
        "views/oms_core_menus.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "oms_core/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
