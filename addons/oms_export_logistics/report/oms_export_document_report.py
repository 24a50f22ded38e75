# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmsExportDocumentReport(models.AbstractModel):
    """What the QWeb shipment documents print, shared by their report models
    (``report.oms_export_logistics.<template>``, one per document).

    ``_get_report_values`` hands the templates ``docs`` (the shipments) and
    ``shipment_values``: by shipment id, the values ``_get_document_values``
    prepares, which each template sets as ``doc_values`` for the shipment it
    prints. A document's report model adds its own values after ``super()``;
    the templates call no shipment method."""

    _name = "oms.export.document.report"
    _description = "Export Shipment Document Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["oms.export.shipment"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "oms.export.shipment",
            "docs": docs,
            "shipment_values": {doc.id: self._get_document_values(doc) for doc in docs},
        }

    @api.model
    def _get_document_values(self, shipment):
        """Values every document prints for ``shipment``: its currency, its
        goods lines, their total net weight and the invoice value."""
        lines = self._get_lines(shipment)
        return {
            "currency": shipment._get_document_currency(),
            "lines": lines,
            "total_weight": sum(line["weight"] for line in lines),
            "amount": shipment._get_document_amount(),
        }

    @api.model
    def _get_lines(self, shipment):
        """Goods lines the documents print: the deliveries' moves when the
        shipment has deliveries, else the orders' lines."""
        moves = shipment.picking_ids.move_ids.filtered(lambda m: m.state != "cancel")
        if moves:
            return [
                self._prepare_line(
                    move.product_id,
                    move.quantity or move.product_uom_qty,
                    move.product_uom,
                    move.sale_line_id.price_unit,
                )
                for move in moves
            ]
        return [
            self._prepare_line(
                line.product_id, line.product_uom_qty, line.product_uom, line.price_unit
            )
            for line in shipment.sale_order_ids.order_line.filtered(
                lambda line: not line.display_type and line.product_id.type == "consu"
            )
        ]

    @api.model
    def _prepare_line(self, product, quantity, uom, price_unit):
        return {
            "product": product.display_name,
            "hs_code": product.hs_code or "",
            "quantity": quantity,
            "uom": uom.name,
            "weight": product.weight * quantity,
            "price_unit": price_unit,
            "subtotal": price_unit * quantity,
        }

    @api.model
    def _get_payment_terms(self, shipment):
        """The payment terms of the shipment's orders, as printed."""
        return ", ".join(shipment.sale_order_ids.payment_term_id.mapped("name"))

    @api.model
    def _get_origin_country(self, shipment):
        """The country of origin of the goods: the exporter's."""
        return shipment.company_id.country_id

    @api.model
    def _get_insured_value(self, shipment):
        """CIF or CIP value plus 10 %, the minimum cover of Incoterms 2020."""
        return shipment._get_document_amount() * 1.1
