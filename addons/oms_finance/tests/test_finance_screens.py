# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestFinanceScreens(OmsInvoicingCommon):
    """Cash application shows errors as a warning to act on, not as a step;
    "Invoice Now" says what it queued and what it left out, and why."""

    def test_cash_application_error_is_no_step(self):
        arch = self.env["oms.cash.application"].get_views([(False, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        statusbar = form.find(".//header/field[@name='state']")
        self.assertNotIn("error", statusbar.get("statusbar_visible").split(","))
        self.assertEqual(statusbar.get("invisible"), "state == 'error'")
        banner = form.find(".//div[@class='alert alert-warning mb-0']")
        self.assertEqual(banner.get("invisible"), "state != 'error'")
        # The banner gives the reason and the way out.
        self.assertIsNotNone(banner.find(".//field[@name='message']"))
        self.assertIn("Retry", "".join(banner.itertext()))

    def test_invoice_now_says_what_it_did(self):
        customer = self.customer_de.copy({"name": "Invoice Now Customer"})
        policy = self._create_policy(
            domain=f"[('partner_id', '=', {customer.id})]",
            trigger="daily",
            batch_size=1,
        )
        delivered = self._delivered_order(partner=customer) | self._delivered_order(
            partner=customer
        )
        undelivered = self._create_order(partner=customer)
        undelivered.action_confirm()
        action = policy.action_run_now()
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["type"], "success")
        self.assertIn("Orders queued for invoicing: 2, in 2 jobs", params["message"])
        self.assertIn(
            "Orders left out: nothing delivered to invoice yet (1).", params["message"]
        )
        self.assertEqual(len(self._pending_jobs()), 2)
        self._run_jobs()
        self.assertEqual(set(delivered.mapped("invoice_status")), {"invoiced"})
        # Nothing left: it says so, and queues nothing.
        action = policy.action_run_now()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("Nothing to invoice now", action["params"]["message"])
        self.assertFalse(self._pending_jobs())
