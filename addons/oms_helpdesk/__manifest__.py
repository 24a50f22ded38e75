# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Helpdesk",
    "summary": "Customer helpdesk tied to orders: SLA and escalation, one-call "
    "resolution, satisfaction surveys after fulfilment",
    "version": "18.0.0.1.0",
    "category": "After-Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": [
        "oms_core",
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
        "survey",
    ],
    "data": [],
    "installable": True,
}
