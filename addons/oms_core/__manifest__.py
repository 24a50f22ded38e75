# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Core",
    "summary": "Rules-driven order pipeline: holds, validation, sourcing, "
    "scheduling, jeopardy and fulfilment on sales orders",
    "version": "18.0.1.1.0",
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
        # Payment authorization is a pipeline check
        # (_oms_check_payment_authorized, payment.transaction, the prepayment
        # flag of payment terms).
        "payment",
        # Jobs of every OMS addon, and tools/db_errors.py for their retries.
        "queue_job",
        # report.oms_core.xlsx_abstract: the hardened XLSX base that the
        # finance and helpdesk exports inherit.
        "report_xlsx",
    ],
    "data": [
        "security/oms_core_groups.xml",
        "security/ir.model.access.csv",
        "security/oms_core_security.xml",
        "data/oms_reason_data.xml",
        "data/mail_template_data.xml",
        "data/oms_rule_data.xml",
        "data/ir_cron_data.xml",
        "data/oms_fulfilment_strategy_data.xml",
        "data/oms_rule_jeopardy_data.xml",
        "data/ir_cron_jeopardy_data.xml",
        "views/oms_jeopardy_scan_views.xml",
        "views/oms_rule_views.xml",
        "views/oms_reason_views.xml",
        "views/oms_order_hold_views.xml",
        "views/oms_stage_history_views.xml",
        "views/oms_fallout_views.xml",
        "views/sale_order_views.xml",
        "views/account_payment_term_views.xml",
        "views/product_template_views.xml",
        "views/oms_fulfilment_strategy_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_line_views.xml",
        "views/stock_picking_views.xml",
        "wizard/oms_hold_release_views.xml",
        "wizard/oms_rule_dry_run_views.xml",
        "wizard/oms_order_cancel_views.xml",
        "wizard/oms_order_change_views.xml",
        "wizard/oms_dispatch_confirm_views.xml",
        "views/oms_core_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/stock_warehouse_demo.xml",
        "demo/res_users_demo.xml",
        "demo/crm_team_demo.xml",
        "demo/res_partner_category_demo.xml",
        "demo/stock_location_demo.xml",
        "demo/stock_route_demo.xml",
        "demo/stock_rule_demo.xml",
        "demo/product_category_demo.xml",
        "demo/product_demo.xml",
        "demo/product_pricelist_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/stock_quant_demo.xml",
        "demo/oms_rule_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oms_core/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
