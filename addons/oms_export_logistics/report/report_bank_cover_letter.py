# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ReportBankCoverLetter(models.AbstractModel):
    """Bank cover letter and bill of exchange: the bank the documents go to."""

    _name = "report.oms_export_logistics.report_bank_cover_letter"
    _inherit = "oms.export.document.report"
    _description = "Bank Cover Letter and Bill of Exchange Report"
    _document_code = "bank_cover_letter"

    @api.model
    def _get_document_values(self, shipment):
        return {
            **super()._get_document_values(shipment),
            "bank": shipment._get_party_partner("bank"),
            "enclosures": self._get_enclosures(shipment),
            "drawee": self._get_drawee(shipment),
            "tenor": self._get_tenor_label(shipment),
        }

    @api.model
    def _get_enclosures(self, shipment):
        """``[(document name, originals, copies)]``: the documents the credit
        calls for (all the bank-going ones without a credit), never the
        internal papers, nor this letter itself."""
        documents = shipment.document_ids.filtered(
            lambda d: d.document_type_id.code != self._document_code
        )
        credit_types = shipment.letter_credit_id.document_type_ids
        if credit_types:
            documents = documents.filtered(lambda d: d.document_type_id in credit_types)
        else:
            documents = documents.filtered(
                lambda d: (
                    d.document_type_id.gate == "bank"
                    or d.document_type_id.code == "commercial_invoice"
                )
            )
        return [
            (
                document.name,
                document.document_type_id._get_original_count(shipment),
                document.document_type_id.copy_count,
            )
            for document in documents
        ]

    @api.model
    def _get_drawee(self, shipment):
        """Drafts under a credit are drawn on the issuing bank (UCP 600
        art. 6 c forbids the applicant); else on the buyer."""
        return shipment.letter_credit_id.issuing_bank_id or shipment.partner_id
