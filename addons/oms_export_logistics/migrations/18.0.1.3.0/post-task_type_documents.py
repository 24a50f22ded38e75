# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The documents each portal party may download, on existing task types.

The task types are noupdate data, so an upgrade does not load the values
of ``data/oms_export_task_type_document_data.xml``: they are set here on the
shipped task types that have none yet (a manager's choice is kept).
"""

from odoo import SUPERUSER_ID, Command, api

GRANTS = {
    "shipping_bill": ["commercial_invoice", "packing_list"],
    "let_export": ["commercial_invoice", "packing_list"],
    "gate_in": ["vgm_declaration"],
    "bl_draft": ["shipping_instructions"],
    "docs_to_bank": [
        "bank_cover_letter",
        "commercial_invoice",
        "packing_list",
        "bl_record",
        "insurance_certificate",
    ],
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    prefix = "oms_export_logistics.oms_export_"
    for task, documents in GRANTS.items():
        task_type = env.ref(f"{prefix}task_type_{task}", raise_if_not_found=False)
        if not task_type or task_type.document_type_ids:
            continue
        types = [
            env.ref(f"{prefix}document_type_{doc}", raise_if_not_found=False)
            for doc in documents
        ]
        task_type.document_type_ids = [Command.set([t.id for t in types if t])]
