# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2.errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.oms_core.models.oms_stage_history import MAX_NOTIFY_ATTEMPTS

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestStageNotifications(OmsCoreCommon):
    """Stage-change emails sent by the ``stage`` rules through the cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.History = cls.env["oms.stage.history"]
        # The shipped sample rules send the shipped and invoiced emails.
        # For every company (the demo gives them to its exporter).
        (
            cls.env.ref("oms_core.oms_rule_notify_dispatch")
            | cls.env.ref("oms_core.oms_rule_notify_shipped")
            | cls.env.ref("oms_core.oms_rule_notify_invoiced")
        ).write({"active": True, "company_id": False})
        # Only the stage changes of the tests' own orders are pending.
        cls.History.search([("notified", "=", False)]).notified = True

    def _sent(self, order, subject):
        return order.message_ids.filtered(lambda m: m.subject == subject)

    def _shipped_subject(self, order):
        return f"{self.company.name}: {order.name} has shipped"

    def test_shipped_email_is_sent_once(self):
        order = self._create_order()
        order.action_confirm()
        self._deliver(order)
        self.assertEqual(order.oms_stage, "shipped")
        self.assertTrue(self.History._cron_notify_stage_changes())
        subject = self._shipped_subject(order)
        self.assertEqual(len(self._sent(order, subject)), 1)
        self.assertTrue(all(order.oms_stage_history_ids.mapped("notified")))
        # Idempotent: a second run has nothing left to send.
        self.assertEqual(self.History._cron_notify_stage_changes(), 0)
        self.assertEqual(len(self._sent(order, subject)), 1)

    def test_each_stage_is_announced_when_reached(self):
        order = self._create_order()
        order.action_confirm()
        self.History._cron_notify_stage_changes()
        # Released: no active rule for that stage, nothing sent.
        self.assertFalse(self._sent(order, self._shipped_subject(order)))
        self._deliver(order)
        self.History._cron_notify_stage_changes()
        self.assertEqual(len(self._sent(order, self._shipped_subject(order))), 1)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(order.oms_stage, "invoiced")
        self.History._cron_notify_stage_changes()
        invoiced = f"{self.company.name}: {order.name} invoiced"
        self.assertEqual(len(self._sent(order, invoiced)), 1)
        self.assertEqual(len(self._sent(order, self._shipped_subject(order))), 1)

    def test_failing_template_goes_to_fallout_without_stopping_others(self):
        broken = self.env["mail.template"].create(
            {
                "name": "Broken acknowledgement",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "subject": "{{ object.oms_no_such_field.name }}",
                "body_html": "<p>Thank you</p>",
            }
        )
        # Every stage passed is announced (the shipped order passed released
        # too): the broken acknowledgement is for the Indian customer only.
        self.env["oms.rule"].create(
            {
                "name": "Email: broken acknowledgement",
                "event": "stage",
                "rule_type": "notify",
                "domain": "[('oms_stage', '=', 'released'), "
                f"('partner_id', '=', {self.customer_in.id})]",
                "mail_template_id": broken.id,
            }
        )
        failing = self._create_order(partner=self.customer_in)
        failing.action_confirm()
        shipped = self._create_order(lines=[(self.product_b, 2)])
        shipped.action_confirm()
        self._deliver(shipped)
        self.assertEqual(failing.oms_stage, "released")
        self.assertEqual(shipped.oms_stage, "shipped")
        with mute_logger("odoo.addons.oms_core.models.oms_stage_history"):
            self.History._cron_notify_stage_changes()
        fallout = failing.oms_fallout_ids
        self.assertEqual(fallout.step, "notification")
        self.assertEqual(fallout.state, "open")
        self.assertFalse(shipped.oms_fallout_ids)
        self.assertEqual(len(self._sent(shipped, self._shipped_subject(shipped))), 1)
        # Never marked sent when it was not: the entry stays pending and the
        # next run retries it (counted on the entry and on the fallout).
        entry = failing.oms_stage_history_ids.filtered(lambda e: e.stage == "released")
        self.assertFalse(entry.notified)
        self.assertEqual(entry.notify_attempts, 1)
        with mute_logger("odoo.addons.oms_core.models.oms_stage_history"):
            self.assertEqual(self.History._cron_notify_stage_changes(), 1)
        self.assertFalse(entry.notified)
        self.assertEqual(entry.notify_attempts, 2)
        self.assertEqual(fallout.attempts, 2)
        # Once the template is fixed, the next run sends it and resolves
        # the fallout.
        broken.subject = "{{ object.name }} acknowledged"
        self.assertEqual(self.History._cron_notify_stage_changes(), 1)
        self.assertTrue(entry.notified)
        self.assertEqual(len(self._sent(failing, f"{failing.name} acknowledged")), 1)
        self.assertEqual(fallout.state, "resolved")
        self.assertEqual(self.History._cron_notify_stage_changes(), 0)

    def _broken_acknowledgement(self):
        broken = self.env["mail.template"].create(
            {
                "name": "Broken acknowledgement",
                "model_id": self.env.ref("sale.model_sale_order").id,
                "subject": "{{ object.oms_no_such_field.name }}",
                "body_html": "<p>Thank you</p>",
            }
        )
        self.env["oms.rule"].create(
            {
                "name": "Email: broken acknowledgement",
                "event": "stage",
                "rule_type": "notify",
                "domain": "[('oms_stage', '=', 'released')]",
                "mail_template_id": broken.id,
            }
        )
        return broken

    def test_retries_stop_at_limit_until_a_person_retries(self):
        broken = self._broken_acknowledgement()
        order = self._create_order()
        order.action_confirm()
        entry = order.oms_stage_history_ids.filtered(lambda e: e.stage == "released")
        with mute_logger("odoo.addons.oms_core.models.oms_stage_history"):
            for _run in range(MAX_NOTIFY_ATTEMPTS):
                self.History._cron_notify_stage_changes()
        self.assertEqual(entry.notify_attempts, MAX_NOTIFY_ATTEMPTS)
        # Past the limit the cron leaves it to a person; still not sent.
        self.assertEqual(self.History._cron_notify_stage_changes(), 0)
        self.assertFalse(entry.notified)
        fallout = order.oms_fallout_ids
        self.assertEqual(fallout.attempts, MAX_NOTIFY_ATTEMPTS)
        broken.subject = "{{ object.name }} acknowledged"
        self.assertTrue(self.History._oms_retry_notifications(order))
        self.assertTrue(entry.notified)
        self.assertEqual(fallout.state, "resolved")

    def test_db_conflict_is_retried_not_marked_sent(self):
        order = self._create_order()
        order.action_confirm()
        self._deliver(order)
        entries = order.oms_stage_history_ids.filtered(lambda e: not e.notified)
        self.assertTrue(entries)

        def conflicting(orders, matches):
            raise psycopg2.errors.SerializationFailure("concurrent update")

        SaleOrder = type(self.env["sale.order"])
        with (
            patch.object(SaleOrder, "_oms_execute_matches", conflicting),
            self.assertRaises(psycopg2.errors.SerializationFailure),
        ):
            self.History._cron_notify_stage_changes()
        # Nothing marked, counted or queued: the whole run is retried.
        self.assertFalse(any(entries.mapped("notified")))
        self.assertFalse(any(entries.mapped("notify_attempts")))
        self.assertFalse(order.oms_fallout_ids)
        self.assertFalse(self._sent(order, self._shipped_subject(order)))
        # The retried run sends it once.
        self.History._cron_notify_stage_changes()
        self.assertEqual(len(self._sent(order, self._shipped_subject(order))), 1)
        self.assertTrue(all(entries.mapped("notified")))
