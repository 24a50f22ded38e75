# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # BUSINESS METHODS: sourcing

    def _oms_is_bought(self):
        """Whether the product is replenished by purchase (Buy route on the
        product or its category)."""
        return self._oms_has_route("purchase_stock.route_warehouse0_buy")

    def _oms_get_vendor_lead_days(self):
        """Days until the vendor delivers the line's quantity: the vendor's
        delivery lead time plus the company's purchase security lead time;
        None without a vendor."""
        self.ensure_one()
        seller = self.product_id._select_seller(
            quantity=self.product_uom_qty, uom_id=self.product_uom
        )
        if not seller:
            return None
        return seller.delay + (self.company_id.po_lead or 0.0)

    def _oms_get_supply_lead_days(self):
        # P of a bought product is its vendor's real lead time.
        if self._oms_is_bought():
            vendor_lead = self._oms_get_vendor_lead_days()
            if vendor_lead is not None:
                return vendor_lead
        return super()._oms_get_supply_lead_days()

    def _oms_get_purchase_lines(self):
        """The RFQ and purchase order lines bought for the lines (through
        their deliveries, as Odoo's Replenish on Order links them)."""
        moves = self.move_ids
        origins = self.env["stock.move"].browse(moves._rollup_move_origs())
        return (moves.created_purchase_line_ids | origins.purchase_line_id).filtered(
            lambda line: line.state != "cancel"
        )

    def _oms_get_purchase_documents(self):
        """``{line: [document]}`` of the RFQs and purchase orders of the lines."""
        result = {}
        for po_line in self._oms_get_purchase_lines():
            document = po_line._oms_prepare_supply_document()
            for line in po_line._oms_get_sale_lines() & self:
                result.setdefault(line, []).append(document)
        return result

    def _oms_get_supply_documents(self):
        result = super()._oms_get_supply_documents()
        for line, documents in self._oms_get_purchase_documents().items():
            result.setdefault(line, []).extend(documents)
        return result
