# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestStageHistory(OmsCoreCommon):
    def _at(self, start, hours, step, user=None):
        """Run one request of ``user`` ``hours`` after ``start``; its end
        flushes (as a commit would), which records the stage reached."""
        with freeze_time(start + timedelta(hours=hours)):
            result = step()
            self.env(user=user or self.env.user).flush_all()
        return result

    def test_full_pipeline_is_logged(self):
        self._create_rule(domain="[('amount_total', '>', 500)]")
        start = fields.Datetime.now()
        order = self._at(start, 0, self._create_order)
        self._at(start, 1, order.with_user(self.oms_user).action_confirm, self.oms_user)
        self._at(
            start,
            3,
            lambda: order.oms_hold_ids.with_user(self.oms_manager).action_release(
                "checked"
            ),
            self.oms_manager,
        )
        self._at(start, 7, lambda: self._deliver(order))

        def invoice_order():
            invoice = order._create_invoices()
            invoice.action_post()
            return invoice

        invoice = self._at(start, 8, invoice_order)
        self._at(
            start,
            9,
            lambda: (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=invoice.ids)
                .create({})
                ._create_payments()
            ),
        )
        history = order.oms_stage_history_ids.sorted("id")
        self.assertEqual(
            history.mapped("stage"),
            ["captured", "on_hold", "released", "shipped", "invoiced", "paid"],
        )
        self.assertEqual(history[1].user_id, self.oms_user)
        self.assertEqual(history[2].user_id, self.oms_manager)
        self.assertEqual(history[1].previous_stage, "captured")
        # Cycle times: hours spent in each completed stage.
        self.assertEqual(
            history[:5].mapped("duration_hours"), [1.0, 2.0, 4.0, 1.0, 1.0]
        )
        self.assertFalse(history[5].date_end, "The current stage stays open")
        self.assertEqual(order.oms_stage, "paid")
        self.assertEqual(order.oms_stage_entered_on, history[5].date_start)

    def test_partial_delivery_is_in_fulfilment(self):
        order = self._create_order()
        order.action_confirm()
        self._deliver(order, qty=4)
        self.assertEqual(order.oms_stage, "in_fulfilment")
        self.assertEqual(len(order.picking_ids), 2, "The rest goes to a backorder")
        self._deliver(order)
        self.assertEqual(order.oms_stage, "shipped")

    def test_cancel_and_quotation_stages(self):
        order = self._create_order()
        self.assertEqual(order.oms_stage, "captured")
        order.action_confirm()
        order._action_cancel()
        self.assertEqual(order.oms_stage, "cancelled")
        self.assertEqual(
            order.oms_stage_history_ids.sorted("id").mapped("stage"),
            ["captured", "released", "cancelled"],
        )

    def test_salesman_reads_but_cannot_forge_history(self):
        order = self._create_order()
        history = order.oms_stage_history_ids.with_user(self.salesman)
        self.assertEqual(history.stage, "captured")
        with self.assertRaises(Exception):  # noqa: B017 - AccessError from the ACL
            history.write({"stage": "paid"})
