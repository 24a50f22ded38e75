# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
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


@tagged("post_install", "-at_install")
class TestPortalDocuments(HttpCase, OmsExportCommon):
    """A party downloads the prepared documents its tasks' types grant, and
    nothing else: not another party's, not another shipment's, not a type
    its tasks do not grant, not an attachment by a guessed id."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.export.task.type"].search([]).active = False
        cls.invoice_type = cls.env.ref(
            "oms_export_logistics.oms_export_document_type_commercial_invoice"
        )
        cls.packing_type = cls.env.ref(
            "oms_export_logistics.oms_export_document_type_packing_list"
        )
        cls.origin_type = cls.env.ref(
            "oms_export_logistics.oms_export_document_type_origin_certificate"
        )
        cls.env["oms.export.task.type"].create(
            [
                {
                    "name": "Shipping bill filing",
                    "party_role": "cha",
                    "document_type_ids": [
                        Command.set((cls.invoice_type | cls.packing_type).ids)
                    ],
                },
                {"name": "Gate-in", "party_role": "transporter"},
            ]
        )
        cls._setup_portal_parties("portal_doc")
        cls.docs_a = cls._prepare_fake_documents(cls.shipment_a)
        cls.docs_b = cls._prepare_fake_documents(cls.shipment_b)

    @classmethod
    def _prepare_fake_documents(cls, shipment):
        """``{document type: document}`` prepared with a small PDF each (the
        real rendering is tested elsewhere and takes seconds)."""
        documents = {}
        for doc_type in (cls.invoice_type, cls.packing_type, cls.origin_type):
            attachment = cls.env["ir.attachment"].create(
                {
                    "name": f"{shipment.name} - {doc_type.name}.pdf",
                    "raw": f"%PDF-1.4 {shipment.name} {doc_type.code}".encode(),
                    "mimetype": "application/pdf",
                    "res_model": "oms.export.shipment",
                    "res_id": shipment.id,
                }
            )
            documents[doc_type] = cls.env["oms.export.document"].create(
                {
                    "shipment_id": shipment.id,
                    "document_type_id": doc_type.id,
                    "state": "prepared",
                    "attachment_id": attachment.id,
                    "prepared_date": fields.Datetime.now(),
                }
            )
        return documents

    def _url(self, shipment, document):
        return f"/my/shipments/{shipment.id}/documents/{document.id}"

    def test_page_lists_granted_documents(self):
        self.authenticate("portal_doc_a", "portal_doc_a")
        page = self.url_open(f"/my/shipments/{self.shipment_a.id}").text
        self.assertIn(self._url(self.shipment_a, self.docs_a[self.invoice_type]), page)
        self.assertIn(self._url(self.shipment_a, self.docs_a[self.packing_type]), page)
        self.assertNotIn(
            self._url(self.shipment_a, self.docs_a[self.origin_type]), page
        )

    def test_download_granted_document(self):
        self.authenticate("portal_doc_a", "portal_doc_a")
        response = self.url_open(
            self._url(self.shipment_a, self.docs_a[self.invoice_type])
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.content,
            f"%PDF-1.4 {self.shipment_a.name} commercial_invoice".encode(),
        )
        self.assertIn("attachment", response.headers["Content-Disposition"])

    def test_download_refused(self):
        self.authenticate("portal_doc_a", "portal_doc_a")
        invoice_attachment = self.docs_a[self.invoice_type].attachment_id
        origin_attachment = self.docs_a[self.origin_type].attachment_id
        refused = {
            # A type the task does not grant, on their own shipment.
            "type not granted": self._url(
                self.shipment_a, self.docs_a[self.origin_type]
            ),
            # Another CHA's shipment, directly or through their own.
            "other shipment": self._url(
                self.shipment_b, self.docs_b[self.invoice_type]
            ),
            "other shipment's document": self._url(
                self.shipment_a, self.docs_b[self.invoice_type]
            ),
            # The PDF behind a granted document, by its attachment id.
            "guessed attachment": f"/web/content/{invoice_attachment.id}",
            "guessed attachment (origin)": (
                f"/web/content/{origin_attachment.id}?download=true"
            ),
        }
        for label, url in refused.items():
            with self.subTest(label):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (403, 404), url)
                self.assertNotIn(b"%PDF", response.content)

    def test_other_cha_refused(self):
        self.authenticate("portal_doc_b", "portal_doc_b")
        response = self.url_open(
            self._url(self.shipment_a, self.docs_a[self.invoice_type])
        )
        self.assertEqual(response.status_code, 404)
        # Their own shipment's document: granted by their own task.
        response = self.url_open(
            self._url(self.shipment_b, self.docs_b[self.invoice_type])
        )
        self.assertEqual(response.status_code, 200)

    def test_grant_follows_task_and_preparation(self):
        task = self.shipment_a.task_ids.filtered(lambda t: t.partner_id == self.cha)
        document = self.docs_a[self.invoice_type]
        self.authenticate("portal_doc_a", "portal_doc_a")
        url = self._url(self.shipment_a, document)
        # Reset to required: not prepared any more, not offered.
        document.action_reset()
        self.assertEqual(self.url_open(url).status_code, 404)
        document._oms_transition_write({"state": "prepared"})
        self.assertEqual(self.url_open(url).status_code, 200)
        # A cancelled task grants nothing.
        task._oms_transition_write({"state": "cancelled"})
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_grants_not_readable_through_rpc(self):
        """The party reads neither the documents nor their PDFs itself."""
        Document = self.env["oms.export.document"].with_user(self.portal_a)
        with self.assertRaises(AccessError):
            Document.search([])
        attachment = self.docs_a[self.invoice_type].attachment_id
        with self.assertRaises(AccessError):
            attachment.with_user(self.portal_a).read(["datas"])
