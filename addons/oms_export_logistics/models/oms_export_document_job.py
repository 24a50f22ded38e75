# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsExportDocument(models.Model):
    _inherit = "oms.export.document"

    def _oms_task_prepare_document(self):
        """Chunk of a "Prepare documents" background task: prepare these
        documents, those still required. Idempotent: a document prepared by
        an earlier run (or by hand meanwhile) is not prepared twice.
        Returns what was done."""
        todo = self.filtered(lambda d: d.state == "required")
        if not todo:
            return self.env._("%s: already prepared.", ", ".join(self.mapped("name")))
        todo._prepare_documents()
        return self.env._("%s: prepared.", ", ".join(todo.mapped("name")))
