# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmsExportCommon


@tagged("post_install", "-at_install")
class TestTasks(OmsExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tests build their own task types: shipped ones must not interfere.
        cls.env["oms.export.task.type"].search([]).active = False
        TaskType = cls.env["oms.export.task.type"]
        cls.type_shipping_bill = TaskType.create(
            {
                "name": "Shipping bill filing",
                "party_role": "cha",
                "anchor": "date_cutoff",
                "offset_days": -3,
                "rule_ids": [cls._rule_vals()],
            }
        )
        cls.type_gate_in = TaskType.create(
            {
                "name": "Gate-in",
                "party_role": "transporter",
                "anchor": "date_cutoff",
                "offset_days": -1,
                "rule_ids": [cls._rule_vals()],
            }
        )
        cls.type_bank = TaskType.create(
            {
                "name": "Documents to bank",
                "party_role": "bank",
                "anchor": "bl_date",
                "offset_days": 7,
                "rule_ids": [cls._rule_vals()],
            }
        )
        cls.type_air_only = TaskType.create(
            {
                "name": "Air waybill check",
                "party_role": "forwarder",
                "anchor": "etd",
                "offset_days": 0,
                "rule_ids": [cls._rule_vals("[('mode', '=', 'air')]")],
            }
        )

    def test_generate_tasks_due_dates(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        tasks = shipment.task_ids
        self.assertEqual(
            tasks.task_type_id,
            self.type_shipping_bill | self.type_gate_in | self.type_bank,
        )
        by_type = {task.task_type_id: task for task in tasks}
        cutoff_day = self.cutoff.date()
        self.assertEqual(
            by_type[self.type_shipping_bill].date_due, cutoff_day - timedelta(days=3)
        )
        self.assertEqual(by_type[self.type_shipping_bill].partner_id, self.cha)
        self.assertEqual(by_type[self.type_gate_in].partner_id, self.transporter)
        self.assertEqual(
            by_type[self.type_gate_in].date_due, cutoff_day - timedelta(days=1)
        )
        bank_task = by_type[self.type_bank]
        self.assertEqual(bank_task.partner_id, self.bank)
        self.assertFalse(bank_task.date_due, "no B/L date yet")
        shipment.bl_date = date(2026, 3, 12)
        self.assertEqual(bank_task.date_due, date(2026, 3, 19))
        # The due date follows the anchor.
        shipment.date_cutoff = self.cutoff - timedelta(days=1)
        self.assertEqual(
            by_type[self.type_gate_in].date_due, cutoff_day - timedelta(days=2)
        )

    def test_generate_tasks_idempotent(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        shipment.action_generate_tasks()
        self.assertEqual(len(shipment.task_ids), 3)
        shipment.task_ids[0].action_done()
        self.type_air_only.rule_ids.domain = "[]"
        created = shipment._oms_generate_tasks()
        self.assertEqual(created.task_type_id, self.type_air_only)
        self.assertEqual(len(shipment.task_ids), 4)

    def test_task_type_incoterm_filter(self):
        self.type_bank.rule_ids.domain = "[('incoterm_id.code', '=', 'FOB')]"
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        self.assertNotIn(self.type_bank, shipment.task_ids.task_type_id)

    def test_overdue_and_done(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        task = shipment.task_ids.filtered(
            lambda t: t.task_type_id == self.type_shipping_bill
        )
        with patch("odoo.fields.Date.context_today", return_value=self.cutoff.date()):
            task.invalidate_recordset(["is_overdue"])
            self.assertTrue(task.is_overdue)
            overdue = self.env["oms.export.task"].search(
                [("is_overdue", "=", True), ("shipment_id", "=", shipment.id)]
            )
            self.assertEqual(
                overdue.task_type_id, self.type_shipping_bill | self.type_gate_in
            )
            task.action_done()
            task.invalidate_recordset(["is_overdue"])
            self.assertFalse(task.is_overdue)
        self.assertEqual(task.state, "done")
        self.assertTrue(task.date_done)
        other = shipment.task_ids - task
        other[0].action_cancel()
        with self.assertRaisesRegex(UserError, "reset them"):
            other[0].action_done()

    def test_email_to_party(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        task = shipment.task_ids.filtered(
            lambda t: t.task_type_id == self.type_shipping_bill
        )
        task.action_send_email()
        message = task.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertIn(self.cha, message.partner_ids)
        self.assertIn(shipment.name, message.subject)
        self.assertIn("Shipping bill filing", message.body)
        self.assertFalse(message.attachment_ids)

    def test_email_all_open_tasks(self):
        shipment = self._create_shipment()
        with self.assertRaisesRegex(UserError, "no open task"):
            shipment.action_send_task_emails()
        shipment.action_generate_tasks()
        shipment.action_send_task_emails()
        messages = shipment.task_ids.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(messages), 3)
        self.assertEqual(messages.partner_ids, self.cha | self.transporter | self.bank)

    def test_email_hook_attachments(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        task = shipment.task_ids[0]
        attachment = self.env["ir.attachment"].create(
            {"name": "invoice.pdf", "raw": b"%PDF-1.4", "res_model": task._name}
        )
        task_model = type(self.env["oms.export.task"])
        with patch.object(task_model, "_get_task_attachments", lambda self: attachment):
            task.action_send_email()
        message = task.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(message.attachment_ids.mapped("name"), ["invoice.pdf"])

    def test_email_without_address_refused(self):
        shipment = self._create_shipment()
        shipment.action_generate_tasks()
        self.cha.email = False
        task = shipment.task_ids.filtered(lambda t: t.partner_id == self.cha)
        with self.assertRaisesRegex(UserError, "no party with an email"):
            task.action_send_email()
