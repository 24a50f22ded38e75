# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .oms_export_document_requirements import COMMON_FACTS, DOCUMENT_FACTS, FACT_KEYS

# Documents whose consignee is the one of the transport document (to the
# order of the issuing bank under a credit).
TRANSPORT_DOCUMENTS = ("bl_record", "shipping_instructions")


class OmsExportDocumentReport(models.AbstractModel):
    """The facts the documents state, for the examination of a
    presentation: the same values the templates print."""

    _inherit = "oms.export.document.report"

    @api.model
    def _get_document_facts(self, shipment):
        """``{document type code: {fact: value}}`` for every document of
        ``DOCUMENT_FACTS``, with the keys of ``FACT_KEYS``; a fact a document
        does not state is None."""
        shipment.ensure_one()
        values = self._get_document_values(shipment)
        all_facts = self._get_shipment_facts(shipment, values)
        facts = {}
        for code, stated in DOCUMENT_FACTS.items():
            keys = set(stated) | set(COMMON_FACTS)
            document_facts = {
                key: all_facts[key] if key in keys else None for key in FACT_KEYS
            }
            document_facts.update(self._get_document_specific_facts(code, shipment))
            facts[code] = document_facts
        return facts

    @api.model
    def _get_shipment_facts(self, shipment, values):
        """Every fact as the shipment's documents print it."""
        credit = shipment.letter_credit_id
        invoices = values["invoices"]
        return {
            "consignee": values["consignee"].name,
            "notify": shipment.notify_party_id.display_name or None,
            "goods_description": "; ".join(line["product"] for line in values["lines"]),
            "quantity": values["total_quantity"],
            "packages": values["package_count"],
            "gross_weight": values["gross_weight"],
            "net_weight": values["net_weight"],
            "marks": shipment.marks_and_numbers or None,
            "amount": values["amount"],
            "currency": values["currency"].name,
            "lc_number": credit.name or None,
            "port_loading": shipment.port_loading or None,
            "port_discharge": shipment.port_discharge or None,
            "vessel": shipment.vessel or None,
            "shipment_date": shipment.bl_date or None,
            "document_date": invoices[-1:].invoice_date or values["document_date"],
            "insured_amount": self._get_insured_value(shipment),
            "insurance_effective_date": shipment.insurance_date or None,
            "transshipment": bool(shipment.port_transshipment),
            # Containers the B/L lists: transshipment of goods in containers
            # is acceptable even when the credit prohibits it (art. 20 c ii).
            "containers": len(shipment.container_ids) or None,
        }

    @api.model
    def _get_document_specific_facts(self, code, shipment):
        """Facts one document states differently from the others."""
        today = fields.Date.context_today(shipment)
        if code in TRANSPORT_DOCUMENTS:
            facts = {"consignee": shipment.bl_consignee}
            if code == "bl_record":
                facts["document_date"] = shipment.bl_date or None
            else:
                facts["document_date"] = today
            return facts
        if code in ("insurance_certificate", "insurance_request"):
            return {
                "currency": self._get_insured_currency(shipment).name,
                "document_date": shipment.insurance_date or today,
            }
        if code == "proforma_invoice":
            return {
                "document_date": today,
                "amount": sum(shipment.sale_order_ids.mapped("amount_total")),
            }
        if code in ("packing_list", "origin_certificate"):
            return {"document_date": today}
        return {}
