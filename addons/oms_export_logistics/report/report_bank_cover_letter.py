# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportBankCoverLetter(models.AbstractModel):
    """Bank cover letter and bill of exchange: the bank the documents go to."""

    _name = "report.oms_export_logistics.report_bank_cover_letter"
    _inherit = "oms.export.document.report"
    _description = "Bank Cover Letter and Bill of Exchange Report"

    @api.model
    def _get_document_values(self, shipment):
        return {
            **super()._get_document_values(shipment),
            "bank": shipment._get_party_partner("bank"),
        }
