# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Export Logistics - India",
    "summary": "Export shipments on Odoo's Indian localisation: port codes, "
    "shipping bill on invoices, exports zero-rated under LUT or on IGST paid",
    "version": "18.0.1.0.0",
    "category": "Accounting/Localizations",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_export_logistics", "l10n_in"],
    "data": [
        "data/oms_port_data.xml",
        "views/oms_port_views.xml",
        "views/oms_export_shipment_views.xml",
        "views/res_config_settings_views.xml",
        "report/oms_export_document_layout.xml",
    ],
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
