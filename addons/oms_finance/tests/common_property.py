# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared set-up of the order-to-cash property tests
(``test_invoice_property``, ``test_finance_property``).

Size and seed come from the environment: ``OMS_PROPERTY_ORDERS`` and
``OMS_PROPERTY_SEED``; without them each test uses its own defaults.
"""

import os
import random

from odoo import Command

from .common_invoicing import OmsInvoicingCommon


class OmsPropertyCommon(OmsInvoicingCommon):
    """Random orders over three stocked products for a few customers,
    delivered, invoiced by the test's policies and returned at random."""

    _default_orders = 60
    _default_seed = 20261130
    # Share of the return requests whose goods come back.
    _receive_share = 0.8

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.n_orders = int(os.environ.get("OMS_PROPERTY_ORDERS") or cls._default_orders)
        cls.seed = int(os.environ.get("OMS_PROPERTY_SEED") or cls._default_seed)
        cls.rng = random.Random(cls.seed)
        cls.customers = cls._prepare_property_customers()
        cls.product_c = cls._create_product("Gasket Set", 35.5)
        cls.products = cls.product | cls.product_b | cls.product_c
        for product in cls.products:
            # At most 8 units a line: stock never limits a delivery.
            cls._add_stock(product, max(5000, 20 * cls.n_orders))
        cls.policies = cls._prepare_property_policies()

    @classmethod
    def _prepare_property_customers(cls):
        return cls.env["res.partner"].create(
            [{"name": f"Property Customer {n}"} for n in range(4)]
        )

    @classmethod
    def _prepare_property_policies(cls):
        """Invoice policies, in the order ``_run_invoicing`` runs them."""
        return cls._create_policy(sequence=1)

    # SCENARIO

    def _random_order_vals(self):
        """Extra values of a random order (e.g. its pricelist)."""
        return {}

    def _random_orders(self):
        return self.env["sale.order"].create(
            [
                {
                    "partner_id": self.rng.choice(self.customers).id,
                    **self._random_order_vals(),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": self.rng.randint(1, 8),
                            }
                        )
                        for product in self.rng.sample(
                            list(self.products), self.rng.randint(1, 3)
                        )
                    ],
                }
                for _i in range(self.n_orders)
            ]
        )

    def _deliver_randomly(self, orders):
        pickings = orders.picking_ids.filtered(
            lambda p: (
                p.state not in ("done", "cancel") and p.picking_type_code == "outgoing"
            )
        )
        to_validate = pickings.browse()
        for picking in pickings:
            for move in picking.move_ids:
                move.quantity = self.rng.randint(0, int(move.product_uom_qty))
            if any(move.quantity for move in picking.move_ids):
                to_validate |= picking
        to_validate.with_context(skip_backorder=True, skip_sms=True).button_validate()

    def _run_invoicing(self, orders):
        moves = self.env["account.move"]
        for policy in self.policies:
            todo = policy._oms_get_invoiceable_orders(orders)
            for start in range(0, len(todo), policy.batch_size):
                moves |= policy._oms_job_invoice_orders(
                    todo[start : start + policy.batch_size]
                )
        return moves

    def _random_returns(self, orders):
        receipts = self.env["stock.picking"]
        for order in orders.filtered(lambda o: o.state == "sale"):
            if self.rng.random() > 0.15:
                continue
            returnable = {
                line: qty
                for line, qty in order._oms_get_returnable_qty().items()
                if qty >= 1
            }
            if not returnable:
                continue
            line = self.rng.choice(list(returnable))
            qty = self.rng.randint(1, int(returnable[line]))
            request = order._oms_create_return_request({line: qty}, self.reason_return)
            if self.rng.random() < self._receive_share:
                receipts |= request.return_picking_ids
        for move in receipts.move_ids:
            move.quantity = move.product_uom_qty
        receipts.button_validate()

    def _cancel_some_unshipped(self, orders):
        """Confirmed orders nothing was shipped or invoiced for yet: half
        are cancelled."""
        unshipped = orders.filtered(
            lambda o: (
                o.state == "sale"
                and not any(o.order_line.mapped("qty_delivered"))
                and not o.invoice_ids
            )
        )
        unshipped.filtered(lambda o: self.rng.random() < 0.5)._action_cancel()

    def _receivable_lines(self):
        return self.env["account.move.line"].search(
            [
                ("partner_id", "in", self.customers.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("company_id", "=", self.company.id),
            ]
        )
