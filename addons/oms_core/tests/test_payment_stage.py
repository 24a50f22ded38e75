# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OmsCoreCommon
from .payment_common import PaymentDemoMixin


@tagged("post_install", "-at_install")
class TestPaymentStage(PaymentDemoMixin, OmsCoreCommon, HttpCase):
    """Prepayment authorization and the OMS stage through the customer's
    routes: the portal transaction route, the demo provider's notification
    route, capture and void from the back office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.History = cls.env["oms.stage.history"]
        cls.prepaid = cls.env["account.payment.term"].create(
            {"name": "100% in advance", "oms_requires_prepayment": True}
        )
        # The shipped sample rules, for every company (the demo gives them
        # to its exporter).
        (
            cls.env.ref("oms_core.oms_rule_hold_prepayment")
            | cls.env.ref("oms_core.oms_rule_notify_confirmed")
            | cls.env.ref("oms_core.oms_rule_notify_shipped")
            | cls.env.ref("oms_core.oms_rule_notify_invoiced")
        ).write({"active": True, "company_id": False})
        cls.History.search([("notified", "=", False)]).notified = True
        cls._setup_payment_demo()
        cls.customer_de.email = "orders@hamburg-maschinenbau.example.com"
        cls.stock_user = new_test_user(
            cls.env, login="oms_test_stock", groups="stock.group_stock_user"
        )
        cls.odoobot = cls.env.ref("base.user_root")

    # Helpers

    def _prepaid_order(self, **vals):
        order = self._create_order(payment_term_id=self.prepaid.id, **vals)
        order.action_confirm()
        return order

    def _stages(self, order):
        return order.oms_stage_history_ids.sorted("id").mapped("stage")

    def _notify_stages(self):
        self.env.invalidate_all()
        self.History._cron_notify_stage_changes()

    def _sent(self, order, subject):
        return order.message_ids.filtered(lambda m: m.subject == subject)

    def _count(self, order, kind):
        subjects = {
            "shipped": f"{self.company.name}: {order.name} has shipped",
            "invoiced": f"{self.company.name}: {order.name} invoiced",
            "confirmed": f"{self.company.name} Order (Ref {order.name})",
        }
        return len(self._sent(order, subjects[kind]))

    def _active_hold(self, order):
        return order.oms_hold_ids.filtered(lambda h: h.state == "active")

    # Tests

    def test_authorize_releases_as_system_void_holds_back(self):
        order = self._prepaid_order()
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertIn("no payment", self._active_hold(order).message)
        self.assertFalse(order.picking_ids)

        tx = self._pay_on_portal(order)
        self._notify(tx, "done")  # manual capture: authorized
        self.assertEqual(tx.state, "authorized")
        hold = order.oms_hold_ids
        self.assertEqual(hold.state, "released")
        self.assertTrue(hold.auto_released)
        # The system released it, naming the transaction; not "Public user".
        self.assertEqual(hold.released_by_id, self.odoobot)
        self.assertIn(tx.reference, hold.release_comment)
        note = order.message_ids.filtered(
            lambda m: "Automatically released" in (m.body or "")
        )
        self.assertEqual(note.author_id, self.odoobot.partner_id)
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(order.oms_money_state, "authorized")
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.create_uid, self.odoobot)
        self.assertEqual(self._stages(order), ["captured", "on_hold", "released"])
        # Whether the system released it is the engine's to say.
        with self.assertRaises(UserError):
            hold.with_user(self.oms_manager).write({"auto_released": False})
        self.assertTrue(hold.auto_released)

        # The back office voids the authorization: held again, with why.
        tx.action_void()
        self.env.invalidate_all()
        self.assertEqual(tx.state, "cancel")
        held = self._active_hold(order)
        self.assertEqual(len(held), 1)
        self.assertIn(tx.reference, held.message)
        self.assertIn("voided", held.message)
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertTrue(
            picking.message_ids.filtered(lambda m: "Held back" in (m.body or ""))
        )
        self.assertEqual(
            self._stages(order), ["captured", "on_hold", "released", "on_hold"]
        )

        # The warehouse may not ship it, and may not write the override.
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        with self.assertRaisesRegex(UserError, "prepayment"):
            picking.with_user(self.stock_user).button_validate()
        with self.assertRaises(UserError):
            picking.with_user(self.stock_user).write(
                {"oms_payment_override_comment": "ship it"}
            )
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(picking.oms_payment_override_on)
        # Nor through the override wizard.
        wizard_model = self.env["oms.payment.override"]
        wizard = wizard_model.create(
            {"picking_ids": [fields.Command.set(picking.ids)], "comment": "x"}
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.stock_user).action_confirm()
        self.assertNotEqual(picking.state, "done")

        # A manager gets the override, which needs a comment.
        manager = self.oms_manager
        manager.groups_id |= self.env.ref("stock.group_stock_user")
        action = picking.with_user(manager).button_validate()
        self.assertEqual(action["res_model"], "oms.payment.override")
        wizard = (
            wizard_model.with_user(manager)
            .with_context(**action["context"])
            .create({"comment": " "})
        )
        self.assertIn("voided", wizard.reason)
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertNotEqual(picking.state, "done")
        wizard.comment = "Customer wired the money, bank confirmed by phone"
        wizard.with_context(skip_backorder=True).action_confirm()
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.oms_payment_override_by_id, manager)
        self.assertIn("wired", picking.oms_payment_override_comment)
        self.assertTrue(order.message_ids.filtered(lambda m: "wired" in (m.body or "")))
        self.assertEqual(order.oms_stage, "shipped")
        self._notify_stages()
        self.assertEqual(self._count(order, "shipped"), 1)
        self.assertEqual(self._count(order, "confirmed"), 1)

    def test_capture_fails_holds_with_reason_then_new_payment_releases(self):
        order = self._prepaid_order()
        tx = self._pay_on_portal(order)
        self._notify(tx, "done")
        self.assertEqual(order.oms_stage, "released")
        # The provider refuses the capture.
        self._notify(tx, "error")
        self.assertEqual(tx.state, "error")
        held = self._active_hold(order)
        self.assertIn("failed", held.message)
        self.assertIn(tx.reference, held.message)
        self.assertIn("pays again", held.message)
        self.assertEqual(order.oms_stage, "on_hold")
        # The customer pays again on the portal.
        tx2 = self._pay_on_portal(order)
        self._notify(tx2, "done")
        self.assertEqual(held.state, "released")
        self.assertIn(tx2.reference, held.release_comment)
        self.assertEqual(order.oms_stage, "released")
        # Captured: delivery goes through, the stage follows.
        tx2.sudo()._send_capture_request()
        self.env.invalidate_all()
        self.assertEqual(tx2.state, "done")
        self.assertEqual(order.oms_money_state, "paid")
        self._deliver(order)
        self.assertEqual(order.oms_stage, "shipped")
        self.assertEqual(
            self._stages(order),
            ["captured", "on_hold", "released", "on_hold", "released", "shipped"],
        )
        self._notify_stages()
        # Released twice, acknowledged once.
        self.assertEqual(self._count(order, "confirmed"), 1)
        self.assertEqual(self._count(order, "shipped"), 1)

    def test_partial_then_full_payment(self):
        order = self._prepaid_order()
        half = order.amount_total / 2
        tx = self._pay_on_portal(order, amount=half)
        self._notify(tx, "done")
        self.assertEqual(tx.state, "authorized")
        held = self._active_hold(order)
        self.assertTrue(held)
        self.assertIn("still owes", held.message)
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertFalse(order.picking_ids)
        tx2 = self._pay_on_portal(order, amount=order.amount_total - half)
        self._notify(tx2, "done")
        self.assertEqual(held.state, "released")
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(len(order.picking_ids), 1)
        # The partial authorization moved nothing: held once, released once.
        self.assertEqual(self._stages(order), ["captured", "on_hold", "released"])
        self._notify_stages()
        self.assertEqual(self._count(order, "confirmed"), 1)
        self._deliver(order)
        self.assertEqual(order.oms_stage, "shipped")
        self._notify_stages()
        self.assertEqual(self._count(order, "shipped"), 1)

    def test_paid_on_portal_before_confirmation_invoiced_before_delivery(self):
        """A quotation paid online: confirmed without hold, invoiced and paid
        by Odoo's payment flow before delivery; the stage stays released,
        shows shipped when the goods leave, then closed, and the customer
        hears each stage once."""
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", True)
        self.provider.capture_manually = False
        order = self._create_order(payment_term_id=self.prepaid.id)
        tx = self._pay_on_portal(order)
        self._notify(tx, "done")
        self.assertEqual(tx.state, "done")
        self._post_process(tx)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oms_hold_ids)
        self.assertIn(order.invoice_ids.payment_state, ("in_payment", "paid"))
        self.assertEqual(order.oms_money_state, "paid")
        # Money settled, goods not gone: not closed.
        self.assertEqual(order.oms_stage, "released")
        self._notify_stages()
        self._deliver(order)
        self.assertEqual(order.oms_stage, "paid")
        self.assertEqual(self._stages(order)[-3:], ["released", "shipped", "paid"])
        self._notify_stages()
        self.assertEqual(self._count(order, "shipped"), 1)
        self._notify_stages()
        self.assertEqual(self._count(order, "shipped"), 1)

    def test_held_order_not_invoiced_by_online_payment(self):
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", True)
        self.provider.capture_manually = False
        order = self._create_order()
        order.action_confirm()
        self.env["oms.order.hold"].create(
            {"order_id": order.id, "message": "Compliance check"}
        )
        self.assertTrue(order.oms_on_hold)
        tx = self._pay_on_portal(order)
        self._notify(tx, "done")
        self._post_process(tx)
        self.assertFalse(order.invoice_ids)
        self.assertTrue(
            order.message_ids.filtered(
                lambda m: "not invoiced automatically" in (m.body or "")
            )
        )

    def test_cron_holds_again_when_authorization_expires(self):
        order = self._prepaid_order()
        tx = self._pay_on_portal(order)
        self._notify(tx, "done")
        self.assertEqual(order.oms_stage, "released")
        # Nothing changed: the cron leaves it alone.
        self.env["sale.order"]._cron_recheck_holds()
        self.assertFalse(self._active_hold(order))
        tx.last_state_change = fields.Datetime.now() - datetime.timedelta(days=30)
        self.env["sale.order"]._cron_recheck_holds()
        held = self._active_hold(order)
        self.assertIn("expired", held.message)
        self.assertEqual(order.oms_stage, "on_hold")
        # A manager lets it go: the next cron run respects that.
        held.with_user(self.oms_manager).action_release("Known customer")
        self.env["sale.order"]._cron_recheck_holds()
        self.assertFalse(self._active_hold(order))
        # ... and the warehouse may ship it (the back office decided).
        self._deliver(order)
        self.assertEqual(order.oms_stage, "shipped")

    def test_stages_passed_in_one_request_are_each_announced(self):
        """On-shipment invoicing: shipped and invoiced within one request
        before the cron runs; both emails go out, once each."""
        order = self._create_order()
        order.action_confirm()
        self._deliver(order)
        order._create_invoices().action_post()
        self.assertEqual(order.oms_stage, "invoiced")
        self.assertEqual(
            self._stages(order), ["captured", "released", "shipped", "invoiced"]
        )
        self._notify_stages()
        self.assertEqual(self._count(order, "confirmed"), 1)
        self.assertEqual(self._count(order, "shipped"), 1)
        self.assertEqual(self._count(order, "invoiced"), 1)
        self._notify_stages()
        self.assertEqual(self._count(order, "shipped"), 1)
