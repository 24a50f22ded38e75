# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import OmsExportCommon

# model: (salesman, OMS user, OMS manager, portal) rights as "crwu" letters
EXPECTED_RIGHTS = {
    "oms.incoterm.rule": ("r", "r", "crw", ""),
    "oms.export.shipment": ("r", "crw", "crw", "r"),
    "oms.export.shipment.leg": ("r", "crw", "crwu", "r"),
    "oms.export.task": ("r", "crw", "crwu", "r"),
    "oms.export.task.type": ("", "r", "crwu", "r"),
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccess(OmsExportCommon):
    def test_rights_per_group(self):
        portal = new_test_user(
            self.env, login="oms_export_portal", groups="base.group_portal"
        )
        users = (self.salesman, self.oms_user, self.oms_manager, portal)
        for model, expected in EXPECTED_RIGHTS.items():
            for user, rights in zip(users, expected, strict=True):
                with self.subTest(model=model, user=user.login):
                    Model = self.env[model].with_user(user)
                    self.assertEqual(
                        "".join(
                            letter
                            for letter, operation in OPERATIONS.items()
                            if Model.has_access(operation)
                        ),
                        rights,
                    )

    def test_other_company_shipment_hidden(self):
        other = self.env["res.company"].create({"name": "Other Exporter"})
        shipment = self._create_shipment(company_id=other.id, warehouse_id=False)
        self.assertFalse(
            self.env["oms.export.shipment"]
            .with_user(self.oms_user)
            .search([("id", "=", shipment.id)])
        )
        self.assertFalse(
            self.env["oms.export.shipment.leg"]
            .with_user(self.oms_user)
            .search([("shipment_id", "=", shipment.id)])
        )
