# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Export Logistics",
    "summary": "Export shipments under Incoterms 2020: CHA, transporter and bank "
    "coordination, shipment documents, letters of credit, demurrage and detention",
    "version": "18.0.0.1.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_core", "sale_stock", "resource", "report_xlsx"],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_export_logistics_security.xml",
        "data/ir_sequence_data.xml",
        "views/oms_export_shipment_views.xml",
        "data/oms_container_type_data.xml",
        "data/ir_cron_dd_data.xml",
        "views/oms_container_type_views.xml",
        "views/oms_dd_tariff_views.xml",
        "views/oms_export_container_views.xml",
        "views/oms_dd_clock_views.xml",
        "views/res_config_settings_views.xml",
        "report/oms_dd_reports.xml",
    ],
    "demo": [
        "demo/oms_dd_demo.xml",
    ],
    "installable": True,
}
