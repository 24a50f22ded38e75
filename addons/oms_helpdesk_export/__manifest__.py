# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Helpdesk Export",
    "summary": "Tickets linked to export shipments: smart buttons, bill of "
    "lading and container numbers in emails",
    "version": "18.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": ["oms_helpdesk", "oms_export_logistics"],
    "data": [
        "views/helpdesk_ticket_views.xml",
        "views/oms_export_shipment_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
