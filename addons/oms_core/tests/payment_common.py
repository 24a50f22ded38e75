# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from odoo import fields
from odoo.tools import mute_logger

PAYMENT_LOGGERS = (
    "odoo.addons.payment.models.payment_transaction",
    "odoo.addons.sale.models.payment_transaction",
)


class PaymentDemoMixin:
    """The customer's payment routes with Odoo's demo provider, for
    ``HttpCase`` tests: the portal transaction route and the provider's
    notification route. ``payment_demo`` must be installed (the test class
    skips otherwise)."""

    @classmethod
    def _setup_payment_demo(cls, capture_manually=True):
        cls.provider = cls.env.ref(
            "payment.payment_provider_demo", raise_if_not_found=False
        )
        if not cls.provider or cls.provider.code != "demo":
            raise unittest.SkipTest("payment_demo is not installed")
        cls.provider.write({"state": "test", "capture_manually": capture_manually})
        cls.payment_method = cls.env.ref("payment.payment_method_unknown")
        cls.provider.payment_method_ids = [fields.Command.link(cls.payment_method.id)]

    def _pay_on_portal(self, order, amount=None):
        """The portal's payment form: a transaction for ``order``."""
        values = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/transaction",
            {
                "access_token": order._portal_ensure_token(),
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "token_id": None,
                "amount": amount or order.amount_total,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": order.get_portal_url(),
            },
        )
        return (
            self.env["payment.transaction"]
            .sudo()
            .search([("reference", "=", values["reference"])])
        )

    def _notify(self, tx, state):
        """The provider's notification (the demo provider's route)."""
        with mute_logger(*PAYMENT_LOGGERS):
            self.make_jsonrpc_request(
                "/payment/demo/simulate_payment",
                {
                    "reference": tx.reference,
                    "payment_details": "4242",
                    "simulated_state": state,
                },
            )
        self.env.invalidate_all()

    def _post_process(self, tx):
        """Post-processing, as the payment status page or its cron runs it
        (in process: sending the invoice renders it)."""
        with mute_logger(*PAYMENT_LOGGERS):
            tx._post_process()
        self.env.invalidate_all()
