# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestDemoData(OmsCoreCommon):
    """The demo story loads: Odoo installs a module without its demo data
    when that data fails, with a mere warning; this test makes it fail."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("base.module_base").demo:
            self.skipTest("The database has no demo data.")
        self.assertTrue(
            self.env.ref("base.module_oms_core").demo,
            "The demo data of oms_core failed to install: see the install log.",
        )
        self.demo_company = self.env.ref("oms_core.res_company_sahyadri_demo")

    def test_demo_company(self):
        company = self.demo_company
        self.assertEqual(company.currency_id, self.env.ref("base.INR"))
        self.assertEqual(company.country_id, self.env.ref("base.in"))
        self.assertTrue(company.chart_template)
        # The administrator may open the exporter; their default company
        # stays the main one (Odoo's own tours run there).
        admin = self.env.ref("base.user_admin")
        self.assertIn(company, admin.company_ids)
        self.assertEqual(admin.company_id, self.env.ref("base.main_company"))
        for xmlid, group in (
            ("oms_core.res_users_oms_manager_demo", "oms_core.group_oms_manager"),
            ("oms_core.res_users_oms_user_demo", "oms_core.group_oms_user"),
        ):
            user = self.env.ref(xmlid)
            self.assertEqual(user.company_id, company)
            self.assertTrue(user.has_group(group))

    def test_demo_orders_cover_every_stage(self):
        orders = self.env["sale.order"].search(
            [("company_id", "=", self.demo_company.id)]
        )
        # Bridges add stages (oms_mrp: engineering): the field's own values.
        stages = self.env["sale.order"]._fields["oms_stage"].get_values(self.env)
        self.assertEqual(set(orders.mapped("oms_stage")), set(stages))
        self.assertTrue(all(order.currency_id.name == "USD" for order in orders))

    def test_demo_story_details(self):
        paid = self.env.ref("oms_core.sale_order_paid_demo")
        self.assertEqual(paid.oms_stage, "paid")
        self.assertEqual(
            paid.oms_stage_history_ids.sorted("id").mapped("stage"),
            ["captured", "on_hold", "released", "shipped", "invoiced", "paid"],
        )
        released_hold = paid.oms_hold_ids
        self.assertEqual(released_hold.state, "released")
        self.assertEqual(
            released_hold.released_by_id,
            self.env.ref("oms_core.res_users_oms_manager_demo"),
        )
        self.assertTrue(released_hold.release_comment)

        partial = self.env.ref("oms_core.sale_order_fulfilment_demo")
        self.assertEqual(partial.oms_stage, "in_fulfilment")
        self.assertTrue(partial.picking_ids.filtered("backorder_id"))

        scheduled = self.env.ref("oms_core.sale_order_scheduled_next_demo")
        self.assertEqual(scheduled.oms_stage, "scheduled")
        self.assertEqual(
            scheduled.oms_logistics_provider_id,
            self.env.ref("oms_core.res_partner_konkan_freight_demo"),
        )

        fallout = self.env.ref("oms_core.sale_order_fallout_demo")
        self.assertEqual(fallout.oms_fallout_ids.step, "procurement")
        self.assertFalse(fallout.picking_ids)

        on_hold_data = self.env.ref("oms_core.sale_order_hold_data_demo")
        self.assertEqual(on_hold_data.oms_stage, "on_hold")
        self.assertEqual(
            on_hold_data.oms_hold_ids.reason_id,
            self.env.ref("oms_core.oms_reason_hold_data"),
        )

        cancelled = self.env.ref("oms_core.sale_order_cancelled_demo")
        self.assertEqual(
            cancelled.oms_cancel_reason_id,
            self.env.ref("oms_core.oms_reason_cancel_duplicate"),
        )

        shipped = self.env.ref("oms_core.sale_order_shipped_demo")
        self.assertNotEqual(
            shipped.partner_shipping_id.country_id,
            shipped.partner_invoice_id.country_id,
        )
        products = self.env["product.product"].search(
            [("company_id", "=", self.demo_company.id)]
        )
        # Goods are made in India; services (freight, insurance) have no origin.
        goods = products.filtered(lambda p: p.type == "consu")
        self.assertTrue(all(p.country_of_origin.code == "IN" for p in goods))
        self.assertTrue(
            products.filtered("hs_code") and products.filtered("oms_floor_price")
        )
