# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import Command
from odoo.tests import tagged
from odoo.tools import float_compare, float_is_zero

from .common_invoicing import OmsInvoicingCommon

# About 3 minutes on a 2-core machine (OMS confirmation and delivery
# dominate); enough orders for every path to be hit many times.
N_ORDERS = 300
SEED = 20260525


@tagged("post_install", "-at_install")
class TestInvoiceProperty(OmsInvoicingCommon):
    """Random orders with partial deliveries, returns, cancellations and
    payments: every delivered quantity is invoiced exactly once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rng = random.Random(SEED)
        cls.customers = cls.customer_de | cls.customer_in
        cls.customers |= cls.env["res.partner"].create({"name": "Lyon Robinetterie"})
        cls.product_c = cls._create_product("Gasket Set", 35.5)
        cls._add_stock(cls.product_c, 5000)
        cls._add_stock(cls.product, 5000)
        cls._add_stock(cls.product_b, 5000)
        cls.products = cls.product | cls.product_b | cls.product_c
        cls.policy_order = cls._create_policy(
            sequence=1, domain=f"[('partner_id', '=', {cls.customer_de.id})]"
        )
        cls.policy_partner = cls._create_policy(sequence=2, grouping="partner")

    def _random_orders(self):
        vals_list = []
        for _i in range(N_ORDERS):
            products = self.rng.sample(list(self.products), self.rng.randint(1, 3))
            vals_list.append(
                {
                    "partner_id": self.rng.choice(self.customers).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": self.rng.randint(1, 8),
                            }
                        )
                        for product in products
                    ],
                }
            )
        return self.env["sale.order"].create(vals_list)

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
        for policy in self.policy_order | self.policy_partner:
            todo = policy._oms_get_invoiceable_orders(orders)
            for start in range(0, len(todo), policy.batch_size):
                moves |= policy._oms_job_invoice_orders(
                    todo[start : start + policy.batch_size]
                )
        return moves

    def _random_returns(self, orders):
        reason = self.reason_return
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
            request = order._oms_create_return_request({line: qty}, reason)
            if self.rng.random() < 0.7:
                receipts |= request.return_picking_ids
        for move in receipts.move_ids:
            move.quantity = move.product_uom_qty
        receipts.button_validate()

    def _random_payments(self, moves):
        invoices = moves.filtered(
            lambda m: m.move_type == "out_invoice" and m.payment_state == "not_paid"
        )
        full = invoices.filtered(lambda m: self.rng.random() < 0.3)
        if full:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=full.ids
            ).create({"group_payment": False}).action_create_payments()
        for invoice in (invoices - full).filtered(lambda m: self.rng.random() < 0.1):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"amount": invoice.amount_residual / 2}).action_create_payments()

    def test_delivered_is_invoiced_exactly_once(self):
        orders = self._random_orders()
        cancelled = orders.filtered(lambda o: self.rng.random() < 0.08)
        cancelled.action_cancel()
        (orders - cancelled).action_confirm()
        self._deliver_randomly(orders)
        moves = self._run_invoicing(orders)
        self._random_payments(moves)
        self._deliver_randomly(orders)
        self._random_returns(orders)
        # Confirmed orders nothing was shipped for yet: some are cancelled.
        unshipped = orders.filtered(
            lambda o: (
                o.state == "sale"
                and not any(o.order_line.mapped("qty_delivered"))
                and not o.invoice_ids
            )
        )
        unshipped.filtered(lambda o: self.rng.random() < 0.5)._action_cancel()
        moves |= self._run_invoicing(orders)
        self._random_payments(moves)
        # Idempotent: running everything again invoices nothing more.
        self.assertFalse(self._run_invoicing(orders))
        self._assert_invoiced_once(orders)
        self._assert_moves_balanced(orders)
        self._assert_receivable_tie_out()

    def _assert_invoiced_once(self, orders):
        self.assertGreater(len(orders.invoice_ids), 50)
        for line in orders.order_line:
            posted = line.invoice_lines.filtered(
                lambda aml: aml.move_id.state == "posted"
            )
            invoiced = sum(
                aml.quantity * (-1 if aml.move_id.move_type == "out_refund" else 1)
                for aml in posted
            )
            self.assertEqual(
                float_compare(invoiced, line.qty_delivered, precision_digits=3),
                0,
                f"{line.order_id.name} {line.product_id.name}: invoiced {invoiced}"
                f" for {line.qty_delivered} delivered",
            )
            self.assertEqual(len(posted), len(line.invoice_lines))

    def _assert_moves_balanced(self, orders):
        moves = (
            orders.invoice_ids
            | orders.invoice_ids.line_ids.matched_debit_ids.debit_move_id.move_id
        )
        for move in moves.filtered(lambda m: m.state == "posted"):
            debit = sum(move.line_ids.mapped("debit"))
            credit = sum(move.line_ids.mapped("credit"))
            self.assertTrue(
                float_is_zero(debit - credit, precision_digits=2), move.name
            )

    def _assert_receivable_tie_out(self):
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "in", self.customers.ids),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("company_id", "=", self.company.id),
            ]
        )
        balance = sum(lines.mapped("balance"))
        open_items = sum(
            lines.filtered(lambda a: not a.reconciled).mapped("amount_residual")
        )
        self.assertAlmostEqual(balance, open_items, places=2)
        # The statement is per document currency; company figures beside.
        statement = sum(
            section["balance_company"]
            for partner in self.customers
            for section in partner._oms_get_statement_data()["sections"]
        )
        self.assertAlmostEqual(statement, open_items, places=2)
