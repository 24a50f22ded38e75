# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsExportTask(models.Model):
    _inherit = "oms.export.task"

    def _get_task_attachments(self):
        """The prepared shipment documents meant for the task's party."""
        attachments = super()._get_task_attachments()
        documents = self.shipment_id.document_ids.filtered(
            lambda d: d.party_role == self.party_role and d.attachment_id
        )
        return attachments | documents.attachment_id
