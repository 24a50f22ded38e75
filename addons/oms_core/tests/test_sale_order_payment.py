# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestSaleOrderPayment(OmsCoreCommon):
    """The stored "has transactions" flag the money checks rely on to skip
    reading the transactions of orders that have none."""

    def _create_transaction(self, order):
        provider = self.env.ref(
            "payment.payment_provider_demo", raise_if_not_found=False
        )
        if not provider or provider.code != "demo":
            self.skipTest("payment_demo is not installed")
        provider.state = "test"
        return (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": self.env.ref(
                        "payment.payment_method_unknown"
                    ).id,
                    "reference": f"OMS-FLAG-{order.id}",
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )

    def test_flag_follows_transactions(self):
        order = self._create_order()
        order.action_confirm()
        self.assertFalse(order.oms_has_transaction)
        self.assertEqual(order.oms_money_state, "none")
        tx = self._create_transaction(order)
        self.assertTrue(order.oms_has_transaction)
        # The captured payment is seen: the flag lets the check read it.
        tx._set_done()
        self.assertEqual(order.oms_money_state, "paid")
        self.assertFalse(order.copy().oms_has_transaction)

    def test_flag_not_written_by_a_client(self):
        order = self._create_order()
        order.action_confirm()
        tx = self._create_transaction(order)
        tx._set_done()
        self.assertEqual(order.oms_money_state, "paid")
        for user in (self.salesman, self.oms_manager):
            with self.assertRaises(UserError):
                order.with_user(user).write({"oms_has_transaction": False})
            order.invalidate_recordset()
            self.assertTrue(order.oms_has_transaction)
            self.assertEqual(order.oms_money_state, "paid")
