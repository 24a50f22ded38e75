# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .oms_export_document_requirements import REQUIRED_DATA


class OmsExportDocumentReport(models.AbstractModel):
    """What the QWeb shipment documents print, shared by their report models
    (``report.oms_export_logistics.<template>``, one per document).

    ``_get_report_values`` hands the templates ``docs`` (the shipments) and
    ``shipment_values``: by shipment id, the values ``_get_document_values``
    prepares, which each template sets as ``doc_values`` for the shipment it
    prints. A document's report model adds its own values after ``super()``;
    the templates call no shipment method.

    What a document needs before it is prepared is declared in
    ``REQUIRED_DATA`` (report/oms_export_document_requirements.py) and
    checked by ``_get_missing_data``; the facts the documents state, which
    the examination of a presentation compares, come from
    ``_get_document_facts`` (report/oms_export_document_facts.py)."""

    _name = "oms.export.document.report"
    _description = "Export Shipment Document Report"

    # The document type code a report model prints (set by each one).
    _document_code = None

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
        """Values every document prints for ``shipment``: currency, goods
        lines and their totals, packages and containers, the invoices,
        the value split, the signatory."""
        lines = self._get_lines(shipment)
        currency = shipment._get_document_currency()
        amount = shipment._get_document_amount()
        charges = shipment._get_export_charges()
        company = shipment.company_id
        packages = shipment.package_ids
        invoices = shipment._get_posted_invoices()
        return {
            "currency": currency,
            "lines": lines,
            "total_weight": sum(line["weight"] for line in lines),
            "total_quantity": sum(line["quantity"] for line in lines),
            "amount": amount,
            "amount_words": currency.amount_to_text(amount),
            "freight": charges["freight"],
            "insurance": charges["insurance"],
            "fob_value": amount - charges["freight"] - charges["insurance"],
            "invoices": invoices,
            "invoice_names": ", ".join(invoices.mapped("name")),
            "credit": shipment.letter_credit_id,
            "packages": [self._prepare_package(package) for package in packages],
            "package_count": len(packages),
            "gross_weight": shipment.gross_weight,
            "net_weight": shipment.net_weight,
            "volume": shipment.volume,
            "consignee": shipment.consignee_id or shipment.partner_id,
            "freight_terms": dict(
                shipment._fields["freight_terms"]._description_selection(self.env)
            ).get(shipment.freight_terms, ""),
            "signatory": company.oms_export_signatory or "",
            "signatory_title": company.oms_export_signatory_title or "",
            "sign_place": shipment._get_sign_place(),
            "document_date": fields.Date.context_today(shipment),
        }

    @api.model
    def _get_lines(self, shipment):
        """Goods lines the documents print: the deliveries' moves when the
        shipment has deliveries, else the orders' lines (freight and
        insurance charges are no goods)."""
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
                lambda line: (
                    not line.display_type
                    and line.product_id.type == "consu"
                    and not line.product_id.oms_export_charge_type
                )
            )
        ]

    @api.model
    def _prepare_line(self, product, quantity, uom, price_unit):
        return {
            "product": product.display_name,
            "product_id": product,
            "hs_code": product.hs_code or "",
            "origin": product.country_of_origin.name or "",
            "quantity": quantity,
            "uom": uom.name,
            "weight": product.weight * quantity,
            "price_unit": price_unit,
            "subtotal": price_unit * quantity,
        }

    @api.model
    def _prepare_package(self, package):
        ptype = package.package_type_id
        dimensions = ""
        if ptype:
            sides = (ptype.packaging_length, ptype.width, ptype.height)
            dimensions = " × ".join(f"{side:g}" for side in sides)
            dimensions = f"{dimensions} {ptype.length_uom_name}"
        return {
            "name": package.name,
            "type": ptype.name or "",
            "dimensions": dimensions,
            "net_weight": package.oms_net_weight,
            "gross_weight": package.shipping_weight,
            "volume": package.oms_volume,
            "container": package.oms_container_id.name or "",
        }

    @api.model
    def _get_payment_terms(self, shipment):
        """The payment terms as printed: under a letter of credit, the
        credit's (at sight or its tenor); otherwise the orders'."""
        credit = shipment.letter_credit_id
        if credit:
            return self.env._(
                "Documentary credit %(credit)s, %(tenor)s, issued by %(bank)s",
                credit=credit.name,
                tenor=self._get_tenor_label(shipment),
                bank=credit.issuing_bank_id.name,
            )
        return ", ".join(shipment.sale_order_ids.payment_term_id.mapped("name"))

    @api.model
    def _get_tenor_days(self, shipment):
        """Days after sight the credit's draft is payable (0: at sight).
        Read from the credit's ``tenor_days`` when it has one."""
        credit = shipment.letter_credit_id
        if "tenor_days" in credit._fields:
            return credit.tenor_days or 0
        return 0

    @api.model
    def _get_tenor_label(self, shipment):
        days = self._get_tenor_days(shipment)
        if not days:
            return self.env._("at sight")
        return self.env._("at %s days after sight", days)

    @api.model
    def _get_origin_country(self, shipment):
        """The countries of origin of the goods, from their products."""
        lines = self._get_lines(shipment)
        return (
            self.env["res.country"].union(
                *(line["product_id"].country_of_origin for line in lines)
            )
            or shipment.company_id.country_id
        )

    @api.model
    def _get_insured_currency(self, shipment):
        """Insurance is in the credit's currency (UCP 600 art. 28 f i)."""
        credit_currency = shipment.letter_credit_id.currency_id
        return credit_currency or shipment._get_document_currency()

    @api.model
    def _get_insured_value(self, shipment):
        """CIF or CIP value plus 10 %, the minimum cover of Incoterms 2020
        and UCP 600 art. 28 f ii, in the insured currency."""
        value = shipment._get_document_amount() * 1.1
        currency = shipment._get_document_currency()
        insured_currency = self._get_insured_currency(shipment)
        if insured_currency != currency:
            value = currency._convert(
                value,
                insured_currency,
                shipment.company_id,
                shipment.insurance_date or fields.Date.context_today(shipment),
            )
        return insured_currency.round(value)

    # COMPLETENESS: REQUIRED_DATA and the _check_* methods

    @api.model
    def _get_missing_data(self, shipment):
        """Labels of the data ``shipment`` lacks for this report's document."""
        return self._get_missing_data_for(self._document_code, shipment)

    @api.model
    def _get_missing_data_for(self, code, shipment):
        """Labels of the data ``shipment`` lacks for document type ``code``
        (see ``REQUIRED_DATA``)."""
        missing = []
        for datum in REQUIRED_DATA.get(code, ()):
            missing += getattr(self, f"_check_{datum}")(shipment)
        return missing
