# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import OmsSaleImportCommon


@tagged("post_install", "-at_install")
class TestPortalTour(OmsSaleImportCommon, HttpCase):
    """In the browser: a customer uploads a PO on the portal, the back office
    confirms it, finds it held by a rule and releases it, the customer sees
    the promised date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
            }
        )
        cls.env["res.users"].create(
            {
                "name": "Anna Schmidt",
                "login": "anna_tour",
                "password": "anna_tour",
                "partner_id": cls.buyer.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.hold_rule = cls._create_rule(
            name="Tour: hold portal orders of the Hamburg customer",
            domain=f"[('partner_id', 'child_of', {cls.customer_de.id})]",
            reason_id=cls.env.ref("oms_core.oms_reason_hold_fraud").id,
            message="New portal channel: check the first orders",
        )

    def test_portal_upload_hold_release_tour(self):
        self.start_tour(
            "/my/orders/upload", "oms_sale_import_portal_upload", login="anna_tour"
        )
        order = self.env["sale.order"].search([("client_order_ref", "=", "TOUR-PO-1")])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.oms_capture_channel, "portal")
        self.assertEqual(order.state, "draft")

        self.start_tour(
            f"/odoo/action-sale.action_quotations/{order.id}",
            "oms_sale_import_backoffice_release",
            login="admin",
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.oms_hold_ids.rule_id, self.hold_rule)
        self.assertEqual(order.oms_hold_ids.state, "released")
        self.assertTrue(order.oms_promised_date)

        self.start_tour(
            "/my/orders", "oms_sale_import_portal_promised_date", login="anna_tour"
        )
