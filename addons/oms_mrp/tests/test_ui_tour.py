# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmsMrpCommon


@tagged("post_install", "-at_install")
class TestEtoTour(OmsMrpCommon, HttpCase):
    """Engineer to order in the browser: capture, approval, manufacturing,
    dispatch confirmation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
                "groups_id": [
                    Command.link(cls.env.ref("oms_mrp.group_oms_engineering").id),
                    Command.link(cls.env.ref("mrp.group_mrp_user").id),
                ],
            }
        )
        cls.tour_customer = cls.env["res.partner"].create(
            {
                "name": "OMS Tour Skid Customer",
                "street": "Ballindamm 40",
                "city": "Hamburg",
                "zip": "20095",
                "country_id": cls.env.ref("base.de").id,
                "vat": "DE129273398",
                "oms_demand_lead_days": 60,
            }
        )
        cls.tour_skid = cls._made_product(
            "OMS Tour Skid",
            "oms_core.oms_fulfilment_strategy_eto",
            20,
            [(cls.frame, 1)],
        )
        cls.tour_skid.list_price = 5000.0

    def test_eto_tour(self):
        # A loaded machine takes longer than the default minute.
        self.start_tour("/odoo", "oms_mrp_eto_tour", login="admin", timeout=600)
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.tour_customer.id)]
        )
        self.assertEqual(len(order), 1)
        line = order.order_line
        self.assertEqual(line.oms_eng_state, "approved")
        self.assertEqual(line.oms_eng_approved_by_id, self.admin)
        self.assertEqual(
            order.oms_hold_ids.release_comment, "Drawing SK-101 rev. B approved"
        )
        self.assertEqual(line.oms_production_ids.state, "done")
        self.assertEqual(order.oms_stage, "scheduled")
        self.assertTrue(order.oms_dispatch_date)
