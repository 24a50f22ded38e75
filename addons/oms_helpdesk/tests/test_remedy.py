# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import OmsHelpdeskCommon


@tagged("post_install", "-at_install")
class TestRemedy(OmsHelpdeskCommon):
    """Returns, credit notes and replacements from a ticket."""

    def setUp(self):
        super().setUp()
        self.order = self._delivered_order()
        self.ticket = self._create_ticket(
            team_id=self.team.id,
            sale_order_id=self.order.id,
            category_id=self.env.ref(
                "oms_helpdesk.helpdesk_ticket_category_damaged_goods"
            ).id,
        )

    def _wizard(self, remedy_type, qty=2.0, amount=0.0):
        action = self.ticket.action_oms_remedy()
        with Form(
            self.env["helpdesk.ticket.remedy"].with_context(**action["context"])
        ) as form:
            form.remedy_type = remedy_type
            if amount:
                form.amount = amount
            with form.line_ids.edit(0) as line:
                line.quantity = qty
        return form.record

    def test_credit_note(self):
        self.order._create_invoices().action_post()
        self._wizard("credit_note", amount=100.0).action_create_remedy()
        remedy = self.ticket.oms_remedy_ids
        self.assertEqual(remedy.remedy_type, "credit_note")
        self.assertEqual(remedy.res_model, "account.move")
        move = self.env["account.move"].browse(remedy.res_id)
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.amount_untaxed, 100.0)
        self.assertEqual(self.ticket.oms_remedy_count, 1)

    def test_credit_note_for_quantities(self):
        self.order._create_invoices().action_post()
        self._wizard("credit_note", qty=2.0).action_create_remedy()
        move = self.env["account.move"].browse(self.ticket.oms_remedy_ids.res_id)
        self.assertEqual(move.invoice_line_ids.quantity, 2.0)
        self.assertEqual(move.amount_untaxed, 240.0)

    def test_replacement_order(self):
        self._wizard("replacement").action_create_remedy()
        remedy = self.ticket.oms_remedy_ids
        self.assertEqual(remedy.res_model, "sale.order")
        replacement = self.env["sale.order"].browse(remedy.res_id)
        self.assertEqual(replacement.partner_id, self.order.partner_id)
        self.assertEqual(replacement.order_line.product_uom_qty, 2.0)

    def test_return(self):
        self._wizard("return").action_create_remedy()
        remedy = self.ticket.oms_remedy_ids
        self.assertEqual(remedy.res_model, "oms.return.request")
        self.assertTrue(self.env[remedy.res_model].browse(remedy.res_id).exists())

    def test_cancelled_order_is_refused(self):
        order = self._create_order()
        order.action_confirm()
        order._action_cancel()
        self.assertEqual(order.state, "cancel")
        self.ticket.sale_order_id = order
        wizard = self._wizard("replacement")
        moves = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(UserError, "cancelled"):
            wizard.action_create_remedy()
        self.assertFalse(self.ticket.oms_remedy_ids)
        self.assertEqual(self.env["account.move"].search_count([]), moves)

    def test_quantity_above_ordered_is_refused(self):
        wizard = self._wizard("return", qty=11.0)
        with self.assertRaises(UserError):
            wizard.action_create_remedy()
        self.assertFalse(self.ticket.oms_remedy_ids)

    def test_nothing_to_remedy_is_refused(self):
        wizard = self._wizard("replacement", qty=0.0)
        with self.assertRaisesRegex(UserError, "at least one"):
            wizard.action_create_remedy()
        self.assertFalse(self.ticket.oms_remedy_ids)

    def test_document_name_of_each_model(self):
        Remedy = self.env["oms.helpdesk.remedy"]
        picking = self.order.picking_ids[:1]
        deleted = self._create_order()
        remedies = Remedy.create(
            [
                {
                    "ticket_id": self.ticket.id,
                    "sale_order_id": self.order.id,
                    "remedy_type": remedy_type,
                    "res_model": document._name,
                    "res_id": document.id,
                }
                for remedy_type, document in (
                    ("replacement", self.order),
                    ("return", picking),
                    ("replacement", deleted),
                )
            ]
        )
        deleted.unlink()
        remedies.invalidate_recordset(["document_name"])
        self.assertEqual(
            remedies.mapped("document_name"),
            [self.order.display_name, picking.display_name, False],
        )
