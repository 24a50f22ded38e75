# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.oms_core.tests.payment_common import PaymentDemoMixin

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestPaymentInvoicePolicy(PaymentDemoMixin, OmsInvoicingCommon, HttpCase):
    """One answer to "when is this order invoiced": Odoo's online-payment
    invoicing (``sale.automatic_invoice``) follows the order's invoice
    policy, through the customer's routes with the demo provider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payment_demo(capture_manually=False)
        cls.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", True)

    def _pay_online(self, order):
        tx = self._pay_on_portal(order)
        self._notify(tx, "done")
        self.assertEqual(tx.state, "done")
        self._post_process(tx)
        return tx

    def _not_invoiced_note(self, order):
        return order.message_ids.filtered(
            lambda m: "not invoiced automatically" in (m.body or "")
        )

    def test_on_shipment_quotation_paid_online_invoiced_when_shipped(self):
        policy = self._create_policy(trigger="on_shipment")
        order = self._create_order()
        tx = self._pay_online(order)
        # Paid on the portal before confirmation: confirmed by the payment,
        # the payment registered, but not invoiced before the goods leave.
        self.assertEqual(order.state, "sale")
        self.assertTrue(tx.payment_id)
        self.assertFalse(order.invoice_ids)
        self.assertIn("invoice policy", self._not_invoiced_note(order).body)
        # Shipped: the policy invoices it.
        self._deliver(order)
        self._run_jobs()
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.oms_invoice_policy_id, policy)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_partly_shipped_order_not_invoiced_in_full(self):
        self._create_policy(trigger="on_shipment")
        order = self._create_order()
        order.action_confirm()
        # Half of it left and was invoiced by the policy.
        self._deliver(order, qty=4)
        self._run_jobs()
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertEqual(order.order_line.qty_invoiced, 4)
        # The customer pays the whole order online: the rest is not invoiced
        # before it ships.
        self._pay_online(order)
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertEqual(order.order_line.qty_invoiced, 4)
        self.assertTrue(self._not_invoiced_note(order))

    def test_scheduled_and_manual_policies_not_invoiced_on_payment(self):
        for trigger in ("monthly", "manual"):
            with self.subTest(trigger=trigger):
                policy = self._create_policy(trigger=trigger)
                order = self._create_order()
                order.action_confirm()
                self._deliver(order)
                self._pay_online(order)
                self.assertFalse(order.invoice_ids)
                self.assertTrue(self._not_invoiced_note(order))
                self.assertEqual(order.invoice_status, "to invoice")
                policy.active = False

    def test_without_policy_odoo_invoices_on_payment(self):
        order = self._create_order()
        order.action_confirm()
        self.assertFalse(order._oms_get_not_invoiceable())
        self._pay_online(order)
        self.assertEqual(len(order.invoice_ids), 1)
        self.assertIn(order.invoice_ids.payment_state, ("in_payment", "paid"))
        self.assertFalse(self._not_invoiced_note(order))

    def test_not_invoiceable_follows_policy(self):
        self._create_policy(trigger="on_shipment")
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order._oms_get_not_invoiceable(), order)
        self._deliver(order)
        self.assertFalse(order._oms_get_not_invoiceable())
        # A hold says "not yet" whatever the policy.
        self.env["oms.order.hold"].create(
            {"order_id": order.id, "message": "Compliance check"}
        )
        self.assertEqual(order._oms_get_not_invoiceable(), order)
