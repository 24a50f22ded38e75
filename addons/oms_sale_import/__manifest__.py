# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Sale Import",
    "summary": "Orders by file, email, EDI and portal into the OMS pipeline: "
    "customer spreadsheet layouts, duplicate and change detection, capture "
    "channel",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": [
        "oms_core",
        # OCA/edi: the order import wizard and its UBL parser.
        "sale_order_import",
        "sale_order_import_ubl",
        "portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_sale_import_security.xml",
        "data/res_company_data.xml",
        "views/oms_customer_product_code_views.xml",
        "views/oms_po_layout_views.xml",
        "views/oms_po_intake_views.xml",
        "views/oms_fallout_views.xml",
        "views/sale_order_views.xml",
        "views/sale_portal_templates.xml",
        "wizard/sale_order_import_views.xml",
        "views/oms_sale_import_menus.xml",
    ],
    "demo": [
        "demo/oms_sale_import_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oms_sale_import/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
