# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo exporter on the Indian chart: its foreign customers' orders
    are exports for GST, never supplies within Maharashtra (l10n_in places
    a customer without a state in the company's own state)."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("base.module_base").demo:
            self.skipTest("The database has no demo data.")
        self.company = self.env.ref("oms_core.res_company_sahyadri_demo")
        if self.company.chart_template != "in":
            self.skipTest("The demo exporter is not on the Indian chart.")

    def test_foreign_customers_orders_are_exports(self):
        orders = self.env["sale.order"].search(
            [
                ("company_id", "=", self.company.id),
                ("partner_shipping_id.country_id.code", "!=", "IN"),
                ("state", "!=", "cancel"),
            ]
        )
        self.assertTrue(orders)
        local = orders.filtered(
            lambda o: (
                o.fiscal_position_id
                and "export" not in (o.fiscal_position_id.name or "").lower()
            )
        )
        listed = ", ".join(f"{o.name} ({o.fiscal_position_id.name})" for o in local)
        self.assertFalse(
            local, f"Orders of foreign customers with a domestic position: {listed}"
        )
