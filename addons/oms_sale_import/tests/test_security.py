# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OmsSaleImportCommon


@tagged("post_install", "-at_install")
class TestSecurity(OmsSaleImportCommon):
    """Rights on layouts, item codes and received POs, and company isolation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="oms_import_portal", groups="base.group_portal"
        )
        cls.company_b = cls.env["res.company"].create({"name": "Import Co B"})
        cls.intake_b = (
            cls.env["oms.po.intake"]
            .with_company(cls.company_b)
            .create(
                {"name": "B.csv", "channel": "email", "company_id": cls.company_b.id}
            )
        )
        cls.layout_b = cls.env["oms.po.layout"].create(
            {
                "name": "B layout",
                "partner_id": cls.customer_in.id,
                "company_id": cls.company_b.id,
                "col_item_code": "Item",
                "col_quantity": "Qty",
            }
        )

    def test_new_company_gets_an_alias(self):
        self.assertTrue(self.company_b.oms_po_alias_id)
        self.assertNotEqual(
            self.company_b.oms_po_alias_id, self.company.oms_po_alias_id
        )

    def test_portal_has_no_access(self):
        for model in ("oms.po.intake", "oms.po.layout", "oms.customer.product.code"):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.portal).search([])
        # Refused by the state guard or the access rights (an AccessError is a
        # UserError), whichever comes first.
        with self.assertRaises(UserError):
            self.env["oms.po.intake"].with_user(self.portal).create(
                {"name": "x.csv", "channel": "portal"}
            )
        self.assertFalse(self.env["oms.po.intake"].search([("name", "=", "x.csv")]))

    def test_salesman_reads_layouts_only(self):
        layout = self.layout.with_user(self.salesman)
        self.assertEqual(layout.col_quantity, "Qty")
        with self.assertRaises(AccessError):
            layout.write({"col_quantity": "Amount"})
        self.assertEqual(self.layout.col_quantity, "Qty")
        with self.assertRaises(AccessError):
            self.env["oms.po.intake"].with_user(self.salesman).search([])

    def test_oms_user_cannot_create_intakes(self):
        with self.assertRaises(UserError):
            self.env["oms.po.intake"].with_user(self.oms_user).create(
                {"name": "forged.csv", "channel": "email"}
            )
        self.assertFalse(
            self.env["oms.po.intake"].search([("name", "=", "forged.csv")])
        )

    def test_company_isolation(self):
        user = self.oms_manager
        user.write({"company_ids": [Command.set(self.company.ids)]})
        self.assertFalse(
            self.env["oms.po.intake"].with_user(user).search([("name", "=", "B.csv")])
        )
        self.assertFalse(
            self.env["oms.po.layout"]
            .with_user(user)
            .search([("name", "=", "B layout")])
        )
        with self.assertRaises(AccessError):
            self.intake_b.with_user(user).action_retry()
