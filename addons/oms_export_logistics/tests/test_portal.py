# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import OmsExportCommon


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, OmsExportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.export.task.type"].search([]).active = False
        cls.env["oms.export.task.type"].create(
            [
                {"name": "Shipping bill filing", "party_role": "cha"},
                {"name": "Gate-in", "party_role": "transporter"},
            ]
        )
        cls._setup_portal_parties("portal_cha")

    def test_record_rules_isolate_parties(self):
        Shipment = self.env["oms.export.shipment"].with_user(self.portal_a)
        self.assertEqual(Shipment.search([]), self.shipment_a)
        self.assertEqual(
            self.shipment_a.with_user(self.portal_a).booking_number, "BOOK-A"
        )
        with self.assertRaises(AccessError):
            self.shipment_b.with_user(self.portal_a).booking_number  # noqa: B018
        # Their own tasks only: not the transporter's task of their shipment.
        tasks = self.env["oms.export.task"].with_user(self.portal_a).search([])
        self.assertEqual(tasks.shipment_id, self.shipment_a)
        self.assertEqual(tasks.partner_id, self.cha)
        # Refused by the state guard or the access rights, whichever first.
        with self.assertRaises(UserError):
            self.shipment_a.task_ids.with_user(self.portal_a).write({"state": "done"})
        self.assertEqual(set(self.shipment_a.task_ids.mapped("state")), {"todo"})

    def test_portal_pages(self):
        self.authenticate("portal_cha_a", "portal_cha_a")
        response = self.url_open("/my/shipments")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.shipment_a.name, response.text)
        self.assertNotIn(self.shipment_b.name, response.text)
        response = self.url_open(f"/my/shipments/{self.shipment_a.id}")
        self.assertIn("BOOK-A", response.text)
        self.assertIn("Shipping bill filing", response.text)
        self.assertNotIn("Gate-in", response.text)
        # Another party's shipment: back to /my, nothing shown.
        response = self.url_open(f"/my/shipments/{self.shipment_b.id}")
        self.assertNotIn("BOOK-B", response.text)

    def test_portal_home_entry(self):
        self.authenticate("portal_cha_a", "portal_cha_a")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/shipments", response.text)

    def test_portal_mark_done_and_upload(self):
        self.authenticate("portal_cha_a", "portal_cha_a")
        task = self.shipment_a.task_ids.filtered(lambda t: t.partner_id == self.cha)
        page = self.url_open(f"/my/shipments/{self.shipment_a.id}")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(
            f"/my/shipments/{self.shipment_a.id}/tasks/{task.id}/upload",
            data={"csrf_token": token},
            files={
                "attachment": ("shipping_bill.pdf", b"%PDF-1.4 SB", "application/pdf")
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(task.attachment_ids.mapped("name"), ["shipping_bill.pdf"])
        self.url_open(
            f"/my/shipments/{self.shipment_a.id}/tasks/{task.id}/done",
            data={"csrf_token": token},
        )
        self.assertEqual(task.state, "done")
        # Another party's task: refused, unchanged.
        other = self.shipment_b.task_ids.filtered(lambda t: t.partner_id == self.cha_b)
        self.url_open(
            f"/my/shipments/{self.shipment_b.id}/tasks/{other.id}/done",
            data={"csrf_token": token},
        )
        self.assertEqual(other.state, "todo")
