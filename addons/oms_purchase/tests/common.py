# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.oms_core.tests.common import OmsCoreCommon


class OmsPurchaseCommon(OmsCoreCommon):
    """A buy-to-order product bought from a vendor in 10 days, and a
    customer who waits 20."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mto_route = cls.env.ref("stock.route_warehouse0_mto")
        cls.buy_route = cls.env.ref("purchase_stock.route_warehouse0_buy")
        cls.bto = cls.env.ref("oms_purchase.oms_fulfilment_strategy_bto")
        cls.company.po_lead = 0.0
        cls.vendor = cls.env["res.partner"].create({"name": "Deccan Drives Test"})
        cls.actuator = cls._create_product(
            "Actuator EA-200",
            52000.0,
            oms_strategy_id=cls.bto.id,
            route_ids=[(6, 0, cls.buy_route.ids)],
            seller_ids=[
                (0, 0, {"partner_id": cls.vendor.id, "delay": 10, "price": 34000})
            ],
        )
        cls.patient = cls.env["res.partner"].create(
            {"name": "Patient Buyer", "oms_demand_lead_days": 20}
        )
        cls.reason_cancel = cls.env.ref("oms_core.oms_reason_cancel_customer")
        cls.reason_change = cls.env.ref("oms_core.oms_reason_change_customer")

    def _confirm(self, qty=2, partner=None, **vals):
        order = self._create_order(
            partner=partner or self.patient, lines=[(self.actuator, qty)], **vals
        )
        order.action_confirm()
        return order

    def _receive(self, purchase):
        receipts = purchase.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in receipts.move_ids:
            move.quantity = move.product_uom_qty
        receipts.button_validate()
        return receipts
