# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Export Logistics",
    "summary": "Export shipments under Incoterms 2020: CHA, transporter and bank "
    "coordination, shipment documents, letters of credit, demurrage and detention",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_core", "sale_stock", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_export_logistics_security.xml",
        "data/ir_sequence_data.xml",
        "data/oms_incoterm_rule_data.xml",
        "data/oms_export_task_type_data.xml",
        "data/mail_template_data.xml",
        "data/oms_rule_data.xml",
        "views/oms_export_shipment_views.xml",
        "views/oms_incoterm_rule_views.xml",
        "views/oms_export_task_type_views.xml",
        "views/oms_export_task_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/product_template_views.xml",
        "views/oms_export_shipment_templates.xml",
        "wizard/oms_export_shipment_create_views.xml",
        "wizard/oms_export_shipment_dispatch_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/oms_export_shipment_demo.xml",
    ],
    "installable": True,
}
