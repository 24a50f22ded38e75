# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 9, sections 3 and 4 (export): deletes of records with history,
D&D clocks written by users, bad values, the portal parties' reach
(chatter, task types) and their uploads. Each attack is made as the
hostile non-admin user, the way a JSON-RPC client would, and leaves the
data unchanged."""

import re
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.oms_export_logistics.tests.common import OmsExportCommon
from odoo.addons.oms_export_logistics.tests.dd_common import THURSDAY, DdCommon

# AccessError is a UserError: either refusal (rights or guard) is fine.
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestExportRecordsAttacks(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls._create_tariff()  # destination demurrage, 5 free days
        cls.shipment = cls._create_shipment()
        cls.container = cls._create_containers(
            cls.shipment, cargo_weight=1000.0, volume_used=10.0, package_count=5
        )
        cls.container.write(
            {
                "empty_pickup_date": cls._at(THURSDAY - timedelta(20)),
                "gate_in_date": cls._at(THURSDAY - timedelta(18)),
                "loaded_date": cls._at(THURSDAY - timedelta(15)),
                "discharge_date": cls._at(THURSDAY),
                "gate_out_date": cls._at(THURSDAY + timedelta(9)),
            }
        )
        cls.clock = cls.container.dd_clock_ids.filtered(
            lambda c: c.clock_type == "destination_demurrage"
        )

    def _snapshot(self, records, fnames):
        records.invalidate_recordset()
        return records.read(fnames)

    # D&D clocks: the basis of accruals

    def test_user_writes_clock_refused(self):
        self.assertEqual(self.clock.amount, 600.0)
        fnames = ["amount", "free_days", "tariff_id", "cause", "dd_done"]
        before = self._snapshot(self.clock, [*fnames, "accrued_amount"])
        other_tariff = self._create_tariff(free_days=30)
        attacks = [
            {"amount": 0.0},
            {"free_days": 60},
            {"tariff_id": other_tariff.id},
            {"chargeable_days": 0},
            {"accrued_amount": 600.0},
            {"dd_done": True},
            {"cause": "carrier"},
            {"end_datetime": self._at(THURSDAY + timedelta(1))},
        ]
        for user in (self.oms_user, self.oms_manager):
            for vals in attacks:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self.assertRaises(REFUSED),
                ):
                    self.clock.with_user(user).write(vals)
        self.assertEqual(
            self._snapshot(self.clock, [*fnames, "accrued_amount"]), before
        )

    def test_user_creates_clock_refused(self):
        other = self._create_containers(self._create_shipment())
        other.dd_clock_ids.filtered(lambda c: c.clock_type == "origin_storage").unlink()
        for user in (self.oms_user, self.oms_manager):
            with self.assertRaises(REFUSED):
                self.env["oms.dd.clock"].with_user(user).create(
                    {
                        "container_id": other.id,
                        "clock_type": "origin_storage",
                        "free_days": 99,
                    }
                )
        self.assertEqual(len(other.dd_clock_ids), 3)

    def test_events_still_refresh_clocks_as_user(self):
        # The guard is for clients: an OMS user moving an event still gets
        # the clock's amounts refreshed by the server.
        container = self.container.with_user(self.oms_user)
        container.gate_out_date = self._at(THURSDAY + timedelta(8))
        self.assertEqual(self.clock.chargeable_days, 4)
        self.assertEqual(self.clock.amount, 400.0)
        created = (
            self.env["oms.export.container"]
            .with_user(self.oms_user)
            .create({"name": "TSTU7654321", "shipment_id": self.shipment.id})
        )
        self.assertEqual(len(created.dd_clock_ids), 4)

    def test_manager_sets_cause_through_button(self):
        cause = self.clock.cause
        with self.assertRaises(AccessError):
            self.clock.with_user(self.oms_user).action_dd_set_cause("carrier")
        self.assertEqual(self.clock.cause, cause)
        self.clock.with_user(self.oms_manager).action_dd_set_cause("carrier")
        self.assertEqual(self.clock.cause, "carrier")
        self.assertIn("by hand", self.container.message_ids[:1].body)
        with self.assertRaises(UserError):
            self.clock.with_user(self.oms_manager).action_dd_set_cause("nobody")

    # Records with history are archived or cancelled, not deleted

    def test_unlink_container_with_history_refused(self):
        for user in (self.oms_user, self.oms_manager):
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                self.container.with_user(user).unlink()
        self.assertTrue(self.container.exists())
        self.assertEqual(len(self.container.dd_clock_ids), 4)
        # Archiving is the way out; a container entered by mistake (no
        # history) may still be deleted by a manager.
        self.container.with_user(self.oms_manager).action_archive()
        self.assertFalse(self.container.active)
        fresh = self._create_containers(self.shipment)
        fresh.with_user(self.oms_manager).unlink()
        self.assertFalse(fresh.exists())

    def test_unlink_done_task_refused(self):
        task = self.env["oms.export.task"].create(
            {"name": "Shipping bill", "shipment_id": self.shipment.id}
        )
        task.action_done()
        for user in (self.oms_user, self.oms_manager):
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                task.with_user(user).unlink()
        self.assertTrue(task.exists())
        self.assertEqual(task.state, "done")

    def test_user_writes_task_state_refused(self):
        task = self.env["oms.export.task"].create(
            {"name": "Shipping bill", "shipment_id": self.shipment.id}
        )
        for vals in (
            {"state": "done"},
            {"state": "cancelled"},
            {"date_done": "2026-03-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(REFUSED):
                task.with_user(self.oms_user).write(vals)
        self.assertEqual(task.state, "todo")
        self.assertFalse(task.date_done)
        # The buttons are the way.
        task.with_user(self.oms_user).action_done()
        self.assertEqual(task.state, "done")
        self.assertTrue(task.date_done)

    def test_unlink_used_tariff_refused(self):
        with self.assertRaises(REFUSED):
            self.tariff.with_user(self.oms_manager).unlink()
        self.assertTrue(self.tariff.exists())
        self.assertEqual(self.clock.tariff_id, self.tariff)

    def test_unlink_used_incoterm_rule_refused(self):
        rule = self._incoterm_rule("CIF")
        with self.assertRaises(REFUSED):
            rule.with_user(self.oms_manager).unlink()
        self.assertTrue(rule.exists())

    def test_unlink_used_task_type_refused(self):
        task_type = self.env["oms.export.task.type"].create(
            {"name": "Gate-in", "party_role": "transporter"}
        )
        self.env["oms.export.task"].create(
            {
                "name": "Gate-in",
                "shipment_id": self.shipment.id,
                "task_type_id": task_type.id,
            }
        )
        with self.assertRaises(REFUSED):
            task_type.with_user(self.oms_manager).unlink()
        self.assertTrue(task_type.exists())

    def test_unlink_used_container_type_refused(self):
        with self.assertRaises(REFUSED):
            self.type_20.with_user(self.oms_manager).unlink()
        self.assertTrue(self.type_20.exists())

    # Bad values: a clear ValidationError and nothing stored

    def test_container_negative_values_refused(self):
        fnames = [
            "cargo_weight",
            "packaging_weight",
            "tare_weight",
            "max_payload",
            "volume_used",
            "volume_capacity",
            "package_count",
            "vgm_weight",
        ]
        before = self._snapshot(self.container, fnames)
        container = self.container.with_user(self.oms_user)
        for fname in fnames:
            with self.subTest(fname=fname), self.assertRaises(ValidationError):
                container.write({fname: -1})
        with self.assertRaises(ValidationError):
            container.write({"vgm_method": "method1", "vgm_weight": -5.0})
        self.assertEqual(self._snapshot(self.container, fnames), before)

    def test_container_volume_over_capacity_refused(self):
        self.assertEqual(self.container.volume_capacity, 33.2)
        with self.assertRaises(ValidationError) as error:
            self.container.with_user(self.oms_user).volume_used = 40.0
        self.assertIn("capacity", str(error.exception))
        self.assertEqual(
            self._snapshot(self.container, ["volume_used"])[0]["volume_used"], 10.0
        )
        with self.assertRaises(ValidationError):
            self.env["oms.export.container"].with_user(self.oms_user).create(
                {
                    "name": "TSTU0000009",
                    "shipment_id": self.shipment.id,
                    "container_type_id": self.type_20.id,
                    "volume_used": 50.0,
                }
            )

    def test_clock_negative_free_days_and_end_before_start_refused(self):
        # Even the server's own writes (here the superuser) are checked.
        with self.assertRaises(ValidationError):
            self.clock.free_days = -1
        with self.assertRaises(ValidationError):
            self.clock.write({"end_datetime": self._at(THURSDAY - timedelta(1))})
        self.assertEqual(self._snapshot(self.clock, ["free_days"])[0]["free_days"], 5)

    def test_tariff_bad_values_refused(self):
        Tariff = self.env["oms.dd.tariff"].with_user(self.oms_manager)
        vals = {
            "name": "No tiers",
            "clock_type": "origin_storage",
            "currency_id": self.currency.id,
        }
        with self.assertRaises(ValidationError):
            Tariff.create(vals)
        with self.assertRaises(ValidationError):
            Tariff.create(
                {
                    **vals,
                    "free_days": -2,
                    "tier_ids": [Command.create({"from_day": 1, "rate": 1.0})],
                }
            )
        self.assertFalse(self.env["oms.dd.tariff"].search([("name", "=", "No tiers")]))
        tariff = self.tariff.with_user(self.oms_manager)
        with self.assertRaises(ValidationError):
            tariff.write({"tier_ids": [Command.clear()]})
        with self.assertRaises(ValidationError):
            tariff.tier_ids.unlink()
        self.tariff.invalidate_recordset()
        self.assertEqual(len(self.tariff.tier_ids), 2)
        # Replacing every tier in one write is fine.
        tariff.write(
            {
                "tier_ids": [
                    Command.clear(),
                    Command.create({"from_day": 1, "to_day": 0, "rate": 90.0}),
                ]
            }
        )
        self.assertEqual(self.tariff.tier_ids.mapped("rate"), [90.0])

    def test_negative_thresholds_refused(self):
        with self.assertRaises(ValidationError):
            self.company.dd_warning_days = "3,-1"
        with self.assertRaises(ValidationError):
            self.company.dd_projection_days = -7
        self.company.invalidate_recordset()
        self.assertEqual(self.company.dd_warning_days, "3,1")
        self.assertEqual(self.company.dd_projection_days, 7)


@tagged("post_install", "-at_install")
class TestExportPortalAttacks(HttpCase, OmsExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        TaskType = cls.env["oms.export.task.type"]
        TaskType.search([]).active = False
        cls.type_cha, cls.type_road, cls.type_bank = TaskType.create(
            [
                {"name": "Shipping bill filing", "party_role": "cha"},
                {"name": "Gate-in", "party_role": "transporter"},
                {"name": "LC documents", "party_role": "bank"},
            ]
        )
        cls._setup_portal_parties("sec_portal_cha")
        cls.task_a = cls.shipment_a.task_ids.filtered(lambda t: t.partner_id == cls.cha)
        cls.task_b = cls.shipment_b.task_ids.filtered(
            lambda t: t.partner_id == cls.cha_b
        )
        cls.bank_mail = cls.shipment_a.message_post(
            body="LC 7781 discrepancy: we waive the late shipment fee",
            partner_ids=cls.bank.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.cha_mail = cls.shipment_a.message_post(
            body="Please file the shipping bill today",
            partner_ids=cls.clerk_a.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _page(self, shipment):
        return self.url_open(f"/my/shipments/{shipment.id}")

    def _upload(self, task, shipment, name, content, mimetype="application/pdf"):
        page = self._page(self.shipment_a)
        # The layout's session info carries the token (closed tasks have
        # no upload form).
        token = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
        return self.url_open(
            f"/my/shipments/{shipment.id}/tasks/{task.id}/upload",
            data={"csrf_token": token},
            files={"attachment": (name, content, mimetype)},
        )

    def _task_attachments(self, task):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "oms.export.task"), ("res_id", "=", task.id)]
        )

    def test_other_party_shipment_refused(self):
        with self.assertRaises(AccessError):
            self.shipment_b.with_user(self.portal_a).read(["booking_number"])
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        response = self._page(self.shipment_b)
        self.assertNotIn("BOOK-B", response.text)

    def test_bank_email_not_in_party_chatter(self):
        Message = self.env["mail.message"].with_user(self.portal_a)
        messages = Message.search(
            [("model", "=", "oms.export.shipment"), ("res_id", "=", self.shipment_a.id)]
        )
        self.assertIn(self.cha_mail, messages)
        self.assertNotIn(self.bank_mail, messages)
        with self.assertRaises(AccessError):
            self.bank_mail.with_user(self.portal_a).read(["body"])
        # The chatter route of the web client, as the portal party.
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "oms.export.shipment", "thread_id": self.shipment_a.id},
        )
        self.assertNotIn("LC 7781", str(result))
        self.assertIn("shipping bill today", str(result))

    def test_party_reads_only_its_task_types(self):
        TaskType = self.env["oms.export.task.type"].with_user(self.portal_a)
        self.assertEqual(TaskType.search([]), self.type_cha)
        with self.assertRaises(AccessError):
            self.type_bank.with_user(self.portal_a).read(["name"])

    def _assert_upload_refused(self, response, task, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.text)
        self.assertFalse(self._task_attachments(task))
        self.assertFalse(task.attachment_ids)

    def test_upload_too_big_refused(self):
        self.env["ir.config_parameter"].set_param(
            "oms_export_logistics.portal_upload_max_bytes", "1024"
        )
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        response = self._upload(
            self.task_a, self.shipment_a, "bill.pdf", b"%PDF-1.4 " + b"x" * 2048
        )
        self._assert_upload_refused(response, self.task_a, "too big")

    def test_upload_wrong_type_refused(self):
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        for name, content in (
            ("setup.exe", b"MZ\x90\x00\x03" + bytes(64)),
            ("invoice.pdf", b"MZ\x90\x00\x03" + bytes(64)),
            ("invoice.pdf", b"<html><script>alert(1)</script></html>"),
            ("page.html", b"<html><body>hello</body></html>"),
        ):
            with self.subTest(name=name, content=content[:8]):
                response = self._upload(self.task_a, self.shipment_a, name, content)
                self._assert_upload_refused(response, self.task_a, "not accepted")

    def test_upload_other_party_task_refused(self):
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        response = self._upload(self.task_b, self.shipment_b, "bill.pdf", b"%PDF-1.4 B")
        self.assertFalse(self._task_attachments(self.task_b))
        self.assertNotIn("BOOK-B", response.text)
        # Another party's task under the party's own shipment.
        response = self._upload(self.task_b, self.shipment_a, "bill.pdf", b"%PDF-1.4 B")
        self._assert_upload_refused(response, self.task_b, "not yours")

    def test_upload_on_closed_task_refused(self):
        self.task_a.action_done()
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        response = self._upload(self.task_a, self.shipment_a, "bill.pdf", b"%PDF-1.4 A")
        self._assert_upload_refused(response, self.task_a, "is closed")

    def test_upload_accepted(self):
        self.authenticate("sec_portal_cha_a", "sec_portal_cha_a")
        response = self._upload(self.task_a, self.shipment_a, "bill.pdf", b"%PDF-1.4 A")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_oms_portal_error", response.text)
        self.assertEqual(self.task_a.attachment_ids.mapped("name"), ["bill.pdf"])
