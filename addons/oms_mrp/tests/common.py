# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, new_test_user

from odoo.addons.oms_core.tests.common import OmsCoreCommon


class OmsMrpCommon(OmsCoreCommon):
    """A heat exchanger made to order (5 days), a pump assembled to order
    (1 day), a pump kit, a skid engineered to order (20 days), stocked
    components, and a customer who waits 60 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mto_route = cls.env.ref("stock.route_warehouse0_mto")
        cls.manufacture = cls.env.ref("mrp.route_warehouse0_manufacture")
        cls.company.manufacturing_lead = 0.0
        cls.tube = cls._create_product("Tube SS316", 10.0)
        cls.frame = cls._create_product("Skid Frame", 100.0)
        cls._add_stock(cls.tube, 1000)
        cls._add_stock(cls.frame, 1000)
        cls.vendor = cls.env["res.partner"].create({"name": "Shell Supplier"})
        cls.shell = cls._create_product(
            "Shell (bought)",
            50.0,
            seller_ids=[(0, 0, {"partner_id": cls.vendor.id, "delay": 7})],
        )
        cls.exchanger = cls._made_product(
            "Heat Exchanger", "oms_core.oms_fulfilment_strategy_mto", 5, [(cls.tube, 4)]
        )
        cls.pump = cls._made_product(
            "Pump Assembly", "oms_core.oms_fulfilment_strategy_ato", 1, [(cls.tube, 1)]
        )
        cls.skid = cls._made_product(
            "Custom Skid", "oms_core.oms_fulfilment_strategy_eto", 20, [(cls.frame, 1)]
        )
        cls.patient = cls.env["res.partner"].create(
            {"name": "Patient Buyer", "oms_demand_lead_days": 60}
        )
        cls.engineer = new_test_user(
            cls.env, login="oms_test_engineer", groups="oms_mrp.group_oms_engineering"
        )
        cls.reason_cancel = cls.env.ref("oms_core.oms_reason_cancel_customer")
        cls.reason_change = cls.env.ref("oms_core.oms_reason_change_customer")

    @classmethod
    def _made_product(cls, name, strategy_xmlid, days, components, bom_type="normal"):
        product = cls._create_product(
            name,
            1000.0,
            oms_strategy_id=cls.env.ref(strategy_xmlid).id,
            route_ids=[(6, 0, cls.manufacture.ids)],
        )
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "type": bom_type,
                "produce_delay": days,
                "bom_line_ids": [
                    (0, 0, {"product_id": component.id, "product_qty": qty})
                    for component, qty in components
                ],
            }
        )
        return product

    def _confirm(self, product, qty=2, partner=None, **vals):
        order = self._create_order(
            partner=partner or self.patient, lines=[(product, qty)], **vals
        )
        order.action_confirm()
        return order

    def _produce(self, production):
        production.action_assign()
        form = Form(production)
        form.qty_producing = production.product_qty
        production = form.save()
        production.move_raw_ids.picked = True
        production.button_mark_done()
        return production
