# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmsSaleImportCommon


@tagged("post_install", "-at_install")
class TestDuplicateChange(OmsSaleImportCommon):
    """The same customer PO reference twice: refused when the content is the
    same, an update of the quotation or a proposed order change otherwise."""

    def _po(self, valve_qty, ref="HMB-5000"):
        return self._csv(
            [
                f"{ref},HM-VALVE-50,{valve_qty},2030-06-30",
                f"{ref},HM-PUMP-H,4,2030-06-30",
            ]
        )

    def _orders(self, ref="HMB-5000"):
        return self.env["sale.order"].search([("client_order_ref", "=", ref)])

    def test_same_content_is_refused(self):
        order = self._import("po.csv", self._po(10))
        with self.assertRaisesRegex(UserError, "already received"):
            self._import("po.csv", self._po(10))
        self.assertEqual(self._orders(), order)
        # Confirmed, the same file is still a duplicate.
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "already received"):
            self._import("po.csv", self._po(10))
        self.assertEqual(self._orders(), order)

    def test_changed_quotation_is_updated(self):
        order = self._import("po.csv", self._po(10))
        wizard = self._wizard("po.csv", self._po(15))
        action = wizard.import_order_button()
        self.assertEqual(action["res_model"], "sale.order.import")
        self.assertEqual(wizard.state, "update")
        self.assertEqual(wizard.sale_id, order)
        wizard.update_order_button()
        self.assertEqual(self._orders(), order)
        valve = order.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(valve.product_uom_qty, 15)

    def test_changed_confirmed_order_is_proposed_as_change(self):
        order = self._import("po.csv", self._po(10))
        order.action_confirm()
        change = self._import("po.csv", self._po(15))
        self.assertEqual(change._name, "oms.order.change")
        self.assertEqual(change.order_id, order)
        self.assertEqual(
            change.reason_id, self.env.ref("oms_core.oms_reason_change_customer")
        )
        proposed = {line.product_id: line.new_qty for line in change.line_ids}
        self.assertEqual(proposed, {self.product: 15.0, self.product_b: 4.0})
        # Nothing changes until a person applies it.
        valve = order.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(valve.product_uom_qty, 10)
        change.action_apply()
        self.assertEqual(valve.product_uom_qty, 15)
        self.assertEqual(order.oms_change_count, 1)
        self.assertEqual(self._orders(), order)

    def test_cancelled_order_does_not_block(self):
        order = self._import("po.csv", self._po(10))
        order._action_cancel()
        again = self._import("po.csv", self._po(10))
        self.assertNotEqual(again, order)
        self.assertEqual(again.state, "draft")
