# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import float_compare, float_is_zero

from .common_property import OmsPropertyCommon


@tagged("post_install", "-at_install")
class TestInvoiceProperty(OmsPropertyCommon):
    """Random orders with partial deliveries, returns, cancellations and
    payments: every delivered quantity is invoiced exactly once.

    300 orders (``OMS_PROPERTY_ORDERS``), about 3 minutes on a 2-core
    machine (OMS confirmation and delivery dominate): enough for every path
    to be hit many times."""

    _default_orders = 300
    _default_seed = 20260525
    _receive_share = 0.7

    @classmethod
    def _prepare_property_customers(cls):
        return (
            cls.customer_de
            | cls.customer_in
            | cls.env["res.partner"].create({"name": "Lyon Robinetterie"})
        )

    @classmethod
    def _prepare_property_policies(cls):
        # Per order for the German customer, per partner for the others.
        return cls._create_policy(
            sequence=1, domain=f"[('partner_id', '=', {cls.customer_de.id})]"
        ) | cls._create_policy(sequence=2, grouping="partner")

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
        self._cancel_some_unshipped(orders)
        moves |= self._run_invoicing(orders)
        self._random_payments(moves)
        # Idempotent: running everything again invoices nothing more.
        self.assertFalse(self._run_invoicing(orders))
        self._assert_invoiced_once(orders)
        self._assert_moves_balanced(orders)
        self._assert_receivable_tie_out()

    def _assert_invoiced_once(self, orders):
        self.assertGreater(len(orders.invoice_ids), self.n_orders // 6)
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
        lines = self._receivable_lines()
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
