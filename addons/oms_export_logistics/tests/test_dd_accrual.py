# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .dd_common import DdCommon


@tagged("post_install", "-at_install")
class TestDdAccrual(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.storage = cls._create_tariff("origin_storage", free_days=5)
        cls.demurrage = cls._create_tariff("destination_demurrage", free_days=5)
        cls._incoterm_rule(
            "CIF",
            loading_origin_by="seller",
            origin_terminal_by="seller",
            destination_terminal_by="buyer",
            unloading_by="buyer",
        )
        cls.today = fields.Date.context_today(cls.env["oms.dd.clock"])
        day = cls.today - timedelta(30)
        cls.shipment = cls._create_shipment("CIF")
        # Storage: 11 days (6 chargeable, 800); demurrage: buyer's, running.
        cls.containers = cls._create_containers(
            cls.shipment,
            2,
            empty_pickup_date=cls._at(day),
            gate_in_date=cls._at(day + timedelta(2)),
            loaded_date=cls._at(day + timedelta(12)),
            discharge_date=cls._at(day + timedelta(20)),
        )

    def _moves(self):
        return self.env["account.move"].search(
            [("journal_id", "=", self.journal.id)], order="id"
        )

    def test_accrual_balanced_and_idempotent(self):
        Clock = self.env["oms.dd.clock"]
        Clock._dd_scan(today=self.today)
        move = self._moves()
        self.assertEqual(len(move), 1)
        self.assertEqual(move.state, "posted")
        lines = move.line_ids
        self.assertEqual(sum(lines.mapped("debit")), sum(lines.mapped("credit")))
        # Only the seller's clocks: 2 x 800 of storage, no demurrage.
        expense = lines.filtered(lambda l: l.account_id == self.expense_account)
        self.assertEqual(sum(expense.mapped("balance")), 1600.0)
        self.assertEqual(expense.partner_id, self.carrier)
        accrued = lines.filtered(lambda l: l.account_id == self.accrual_account)
        self.assertEqual(sum(accrued.mapped("balance")), -1600.0)
        storage = self.containers.dd_clock_ids.filtered(
            lambda c: c.clock_type == "origin_storage"
        )
        self.assertEqual(storage.mapped("accrued_amount"), [800.0, 800.0])
        demurrage = self.containers.dd_clock_ids.filtered(
            lambda c: c.clock_type == "destination_demurrage"
        )
        self.assertTrue(all(demurrage.mapped("amount")))
        self.assertEqual(demurrage.mapped("accrued_amount"), [0.0, 0.0])
        # Same day again: nothing new.
        Clock._dd_scan(today=self.today)
        self.assertEqual(self._moves(), move)
        # The loading was a day later than recorded: only the delta posts.
        self.containers[0].loaded_date = self.containers[0].loaded_date + timedelta(1)
        Clock._dd_scan(today=self.today)
        delta = self._moves() - move
        self.assertEqual(len(delta), 1)
        delta_expense = delta.line_ids.filtered(
            lambda l: l.account_id == self.expense_account
        )
        self.assertEqual(sum(delta_expense.mapped("balance")), 200.0)
        self.assertEqual(
            sum(delta.line_ids.mapped("debit")), sum(delta.line_ids.mapped("credit"))
        )

    def test_no_accrual_without_settings(self):
        self.company.dd_journal_id = False
        self.env["oms.dd.clock"]._dd_scan(today=self.today)
        self.assertFalse(self._moves())
        storage = self.containers.dd_clock_ids.filtered(
            lambda c: c.clock_type == "origin_storage"
        )
        self.assertEqual(storage.mapped("amount"), [800.0, 800.0])
        self.assertFalse(any(storage.mapped("dd_done")))

    def test_rebill_customer_caused_once(self):
        storage = self.containers.dd_clock_ids.filtered(
            lambda c: c.clock_type == "origin_storage"
        )
        storage[0].cause = "customer"
        action = self.containers.dd_clock_ids.action_dd_rebill()
        invoice = self.env["account.move"].search(action["domain"])
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.customer_de)
        self.assertEqual(invoice.amount_total, 800.0)
        self.assertEqual(invoice.invoice_line_ids.product_id, self.dd_product)
        self.assertIn(self.containers[0].name, invoice.invoice_line_ids.name)
        self.assertEqual(
            sum(invoice.line_ids.mapped("debit")),
            sum(invoice.line_ids.mapped("credit")),
        )
        self.assertEqual(storage[0].rebill_move_id, invoice)
        self.assertTrue(storage[0].rebilled)
        # Twice: nothing more to re-bill.
        with self.assertRaises(UserError):
            storage.action_dd_rebill()
        self.assertEqual(
            self.env["account.move"].search_count(
                [
                    ("move_type", "=", "out_invoice"),
                    ("partner_id", "=", self.customer_de.id),
                ]
            ),
            1,
        )

    def test_auto_rebill_by_scan(self):
        self.company.dd_auto_rebill = True
        storage = self.containers.dd_clock_ids.filtered(
            lambda c: c.clock_type == "origin_storage"
        )
        storage.cause = "customer"
        self.env["oms.dd.clock"]._dd_scan(today=self.today)
        self.env["oms.dd.clock"]._dd_scan(today=self.today)
        invoices = storage.rebill_move_id
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.amount_total, 1600.0)
        self.assertEqual(len(invoices.invoice_line_ids), 2)
