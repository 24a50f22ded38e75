# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestUiTour(OmsCoreCommon, HttpCase):
    """The order pipeline in the browser: capture, hold, release, ship."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Demo data may make another company admin's current one: the tour
        # works in the fixtures' company, where the product is in stock.
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
            }
        )
        cls.tour_customer = cls.env["res.partner"].create(
            {
                "name": "OMS Tour Customer",
                "street": "Ballindamm 40",
                "city": "Hamburg",
                "zip": "20095",
                "country_id": cls.env.ref("base.de").id,
                "vat": "DE129273398",
            }
        )
        cls.tour_product = cls._create_product("OMS Tour Valve", 95.0, hs_code="848180")
        cls._add_stock(cls.tour_product, 50)
        cls.hold_reason = cls.env.ref("oms_core.oms_reason_hold_fraud")
        cls.tour_rule = cls._create_rule(
            name="Tour: hold the tour customer's orders",
            domain=f"[('partner_id', '=', {cls.tour_customer.id})]",
            reason_id=cls.hold_reason.id,
            message="Tour customer: call back before shipping",
        )

    def test_order_pipeline_tour(self):
        self.start_tour("/odoo", "oms_core_order_pipeline_tour", login="admin")

        order = self.env["sale.order"].search(
            [("partner_id", "=", self.tour_customer.id)]
        )
        self.assertEqual(len(order), 1, "The tour captured one order.")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.oms_stage, "shipped")
        self.assertEqual(order.order_line.product_id, self.tour_product)
        self.assertEqual(order.order_line.qty_delivered, 1.0)
        hold = order.oms_hold_ids
        self.assertEqual(len(hold), 1, "The rule put the order on hold once.")
        self.assertEqual(hold.rule_id, self.tour_rule)
        self.assertEqual(hold.state, "released")
        self.assertEqual(hold.released_by_id, self.admin)
        self.assertEqual(
            hold.release_comment, "Customer called back: the order is genuine."
        )
        self.assertEqual(order.picking_ids.state, "done")
        stages = order.oms_stage_history_ids.sorted("id").mapped("stage")
        self.assertEqual(stages[-3:], ["on_hold", "released", "shipped"])
