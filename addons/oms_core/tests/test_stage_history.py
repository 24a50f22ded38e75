# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields, models
from odoo.exceptions import UserError
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

    # Transition points (issue 10): the history is written by
    # sale.order._oms_sync_stage() from each transition, not by the ORM.

    def _stages(self, order):
        return order.oms_stage_history_ids.sorted("id").mapped("stage")

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def test_no_override_of_the_orm_compute(self):
        owners = [
            cls.__module__
            for cls in type(self.env["sale.order"]).mro()
            if "_compute_field_value" in vars(cls)
        ]
        self.assertFalse(
            [name for name in owners if name.startswith("odoo.addons.oms")]
        )

    def test_every_transition_is_recorded(self):
        self._create_rule(domain="[('amount_total', '>', 500)]")
        reason_change = self.env.ref("oms_core.oms_reason_change_customer")
        order = self._create_order()
        order.with_user(self.oms_user).action_confirm()
        order.oms_hold_ids.with_user(self.oms_manager).action_release("checked")
        order._oms_confirm_dispatch(fields.Date.context_today(order))
        self._deliver(order, qty=4)
        self.assertEqual(order.oms_stage, "in_fulfilment")
        # The rest is not wanted any more: the order change ends the delivery.
        order._oms_apply_change(reason_change, False, {order.order_line: 4})
        invoice = self._invoice(order)
        self._pay(invoice)
        self.assertEqual(order.oms_stage, "paid")
        # Undone payment, then invoice reset to draft.
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(order.oms_stage, "invoiced")
        invoice.button_draft()
        self.assertEqual(order.oms_stage, "shipped")
        self.assertEqual(
            self._stages(order),
            [
                "captured",
                "on_hold",
                "released",
                "scheduled",
                "in_fulfilment",
                "shipped",
                "invoiced",
                "paid",
                "invoiced",
                "shipped",
            ],
        )
        history = order.oms_stage_history_ids.sorted("id")
        self.assertEqual(
            history[1:].mapped("previous_stage"), history[:-1].mapped("stage")
        )
        self.assertEqual(len(history.filtered(lambda e: not e.date_end)), 1)

        other = self._create_order(lines=[(self.product, 1)])  # below the rule
        other.action_confirm()
        other._oms_cancel_with_reason(
            self.env.ref("oms_core.oms_reason_cancel_customer")
        )
        other.action_draft()
        self.assertEqual(
            self._stages(other), ["captured", "released", "cancelled", "captured"]
        )

    def test_two_stages_in_one_request_are_both_recorded(self):
        start = fields.Datetime.now()
        order = self._at(start, 0, self._create_order)

        def confirm_and_schedule():
            order.action_confirm()
            order._oms_confirm_dispatch(fields.Date.context_today(order))

        def deliver_and_invoice():
            self._deliver(order)
            return self._invoice(order)

        self._at(start, 1, confirm_and_schedule)
        self._at(start, 3, deliver_and_invoice)
        history = order.oms_stage_history_ids.sorted("id")
        self.assertEqual(
            history.mapped("stage"),
            ["captured", "released", "scheduled", "shipped", "invoiced"],
        )
        self.assertEqual(history[:4].mapped("duration_hours"), [1.0, 0.0, 2.0, 0.0])
        self.assertEqual(
            history.mapped("date_start"),
            [start] + [start + timedelta(hours=h) for h in (1, 1, 3, 3)],
        )

    def test_no_entry_when_nothing_changed(self):
        order = self._create_order()
        order.action_confirm()
        entries = order.oms_stage_history_ids
        self.assertFalse(order._oms_sync_stage())
        order.write({"note": "Call before delivery", "oms_priority": "1"})
        order.write(
            {"order_line": [Command.update(order.order_line.id, {"name": "V"})]}
        )
        self.assertEqual(order.oms_stage_history_ids, entries)

    def test_no_query_when_nothing_changed(self):
        order = self._create_order()
        order.action_confirm()
        order.flush_recordset()
        # The recorded stage rides with the order's row: a transition point
        # that changed nothing reads nothing more.
        order.invalidate_recordset()
        with self.assertQueryCount(1):
            self.assertFalse(order._oms_sync_stage())

    def test_recorded_stage_is_the_history_writer_s_own(self):
        order = self._create_order()
        order.action_confirm()
        with self.assertRaises(UserError):
            order.with_user(self.oms_manager).write({"oms_stage_recorded": "paid"})
        self.assertEqual(order.oms_stage_recorded, "released")
        # A database of before the field: the open entry already says the
        # stage, so no second entry is written.
        order.sudo().oms_stage_recorded = False
        entries = order.oms_stage_history_ids
        order._oms_sync_stage()
        self.assertEqual(order.oms_stage_history_ids, entries)
        self.assertEqual(order.oms_stage_recorded, "released")

    def test_cron_records_a_stage_no_transition_point_saw(self):
        order = self._create_order()
        order.action_confirm()
        # A flow without a transition point: the stage moves, no entry yet.
        models.BaseModel.write(
            order, {"oms_dispatch_confirmed_on": fields.Datetime.now()}
        )
        self.assertEqual(order.oms_stage, "scheduled")
        self.assertEqual(self._stages(order), ["captured", "released"])
        self.env["oms.stage.history"]._cron_notify_stage_changes()
        self.assertEqual(self._stages(order), ["captured", "released", "scheduled"])
