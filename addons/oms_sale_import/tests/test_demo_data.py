# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The channel story of the demo: a PO emailed in a customer's own
    sheet became a quotation; an unknown sender waits in the fallouts."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("base.module_base").demo:
            self.skipTest("The database has no demo data.")
        self.assertTrue(
            self.env.ref("base.module_oms_sale_import").demo,
            "The demo data of oms_sale_import failed to install: see the log.",
        )
        self.company = self.env.ref("oms_core.res_company_sahyadri_demo")

    def test_emailed_po_is_a_quotation_in_the_customers_currency(self):
        self.assertEqual(self.company.oms_po_alias_id.alias_name, "orders")
        order = self.env["sale.order"].search(
            [("client_order_ref", "=", "HP-2026-118")]
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.company_id, self.company)
        self.assertEqual(order.oms_capture_channel, "email")
        self.assertEqual(
            order.partner_id.commercial_partner_id,
            self.env.ref("oms_core.res_partner_hansa_demo"),
        )
        # Quoted in the customer's pricelist, as a typed order would be.
        self.assertEqual(order.currency_id, self.env.ref("base.USD"))
        self.assertEqual(
            sorted(order.order_line.mapped("product_id.default_code")),
            ["SEE-BV050", "SEE-GV100"],
        )
        self.assertTrue(
            order.message_ids.filtered(
                lambda m: "HP-2026-118.csv" in m.attachment_ids.mapped("name")
            ),
            "The email and its file are on the quotation's chatter.",
        )

    def test_unknown_sender_is_in_the_fallouts(self):
        fallout = self.env["oms.fallout"].search(
            [("step", "=", "po_intake"), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(fallout), 1)
        self.assertEqual(fallout.state, "open")
        self.assertIn("unknown-trader.example.net", fallout.error)
        self.assertFalse(fallout.order_id)
