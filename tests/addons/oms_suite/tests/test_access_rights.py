# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import OmsCoreCommon

# model: (salesman, OMS user, OMS manager) expected rights as "crwu" letters.
# The full matrix (every model and role) is in security_matrix.py; holds and
# fallouts are history: released/cancelled or resolved, never deleted, and
# fallouts are recorded by the engine, not created by hand.
EXPECTED_RIGHTS = {
    "oms.rule": ("r", "r", "crwu"),
    "oms.reason": ("r", "r", "crwu"),
    "oms.order.hold": ("cr", "crw", "crw"),
    "oms.stage.history": ("r", "r", "r"),
    "oms.fallout": ("r", "rw", "rw"),
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessRights(OmsCoreCommon):
    """Rights per group on every OMS model, and none for portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = cls.env["res.users"].create(
            {
                "name": "Portal Customer",
                "login": "oms_portal",
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )

    def _rights(self, user, model):
        Model = self.env[model].with_user(user)
        return "".join(
            letter
            for letter, operation in OPERATIONS.items()
            if Model.has_access(operation)
        )

    def test_rights_per_group(self):
        users = (self.salesman, self.oms_user, self.oms_manager)
        for model, expected in EXPECTED_RIGHTS.items():
            for user, rights in zip(users, expected, strict=True):
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self._rights(user, model), rights)

    def test_portal_users_see_no_oms_data(self):
        for model in EXPECTED_RIGHTS:
            with self.subTest(model=model):
                self.assertEqual(self._rights(self.portal, model), "")

    def test_oms_user_implies_sales_stock_and_invoicing(self):
        for xmlid in (
            "sales_team.group_sale_salesman_all_leads",
            "stock.group_stock_user",
            "account.group_account_invoice",
        ):
            self.assertTrue(self.oms_user.has_group(xmlid), xmlid)
        self.assertTrue(self.oms_manager.has_group("oms_core.group_oms_user"))
        self.assertFalse(self.oms_user.has_group("oms_core.group_oms_manager"))
