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
    "depends": ["oms_core", "sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_export_logistics_security.xml",
        "data/ir_sequence_data.xml",
        "views/oms_export_shipment_views.xml",
        "security/oms_export_document_security.xml",
        "report/oms_export_document_reports.xml",
        "report/oms_export_document_templates.xml",
        "data/oms_export_document_type_data.xml",
        "data/oms_export_document_rule_data.xml",
        "data/mail_template_data.xml",
        "views/oms_export_document_type_views.xml",
        "views/oms_export_document_rule_views.xml",
        "views/oms_export_document_views.xml",
        "views/oms_letter_credit_views.xml",
        "views/oms_lc_presentation_views.xml",
        "views/oms_export_shipment_document_views.xml",
        "wizard/oms_lc_presentation_submit_views.xml",
    ],
    "installable": True,
}
