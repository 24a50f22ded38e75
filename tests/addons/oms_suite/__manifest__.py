# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Cross-Addon Test Suite",
    "summary": "Security, multi-company and performance tests across the OMS "
    "addons (installed by `make test` only)",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": [
        "oms_core",
        "oms_finance",
        "oms_export_logistics",
        "oms_helpdesk",
        "oms_helpdesk_export",
    ],
    "data": [],
    "assets": {
        "web.assets_tests": [
            "oms_suite/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
