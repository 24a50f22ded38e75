# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.oms_core.tests.common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(OmsCoreCommon):
    """An OMS user of one company neither sees nor is ruled by another's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Sahyadri Exports Dubai FZE",
                "country_id": cls.env.ref("base.ae").id,
            }
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="oms_manager_b",
            groups="oms_core.group_oms_manager",
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        cls.rule_a = cls._create_rule(
            name="Company A hold", company_id=cls.company.id, domain="[]"
        )
        cls.order_a = cls._create_order()
        cls.order_a.action_confirm()

    def test_holds_history_and_fallouts_are_isolated(self):
        self.assertTrue(self.order_a.oms_hold_ids)
        for model in ("oms.order.hold", "oms.stage.history", "oms.fallout"):
            with self.subTest(model=model):
                visible = self.env[model].with_user(self.manager_b).search([])
                self.assertFalse(
                    visible.filtered(lambda r: r.company_id == self.company),
                    f"{model} of company A visible to company B",
                )

    def _confirm_order_in_company_b(self, product):
        order_b = (
            self.env["sale.order"]
            .with_user(self.manager_b)
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": self.customer_de.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
            )
        )
        order_b.action_confirm()
        return order_b

    def test_company_rules_are_invisible_and_inactive_elsewhere(self):
        rules_b = self.env["oms.rule"].with_user(self.manager_b).search([])
        self.assertNotIn(self.rule_a, rules_b)
        product_b = self.env["product.product"].create(
            {"name": "Dubai stock item", "type": "consu", "list_price": 10.0}
        )
        order_b = self._confirm_order_in_company_b(product_b)
        self.assertFalse(
            order_b.oms_on_hold, "Company A's rule must not hold B's orders"
        )
        self.assertEqual(order_b.oms_stage, "released")

    def test_shared_rule_applies_in_every_company(self):
        shared = self._create_rule(name="Everywhere", rule_type="warn", domain="[]")
        service = self.env["product.product"].create({"name": "Svc", "type": "service"})
        self.assertIn(shared, self.env["oms.rule"].with_user(self.manager_b).search([]))
        order_b = self._confirm_order_in_company_b(service)
        self.assertIn(shared, order_b.oms_warning_rule_ids)
