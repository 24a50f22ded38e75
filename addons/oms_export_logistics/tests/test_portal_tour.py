# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest import SkipTest

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_open


@tagged("post_install", "-at_install")
class TestPortalTourCha(HttpCase):
    """The customs house agent's clerk on the portal, on the demo data: the
    Hamburg shipment, the documents its shipping bill filing needs, the
    filing marked done; the portal shows the exporter's logo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls.env.ref(
            "oms_export_logistics.oms_export_shipment_hamburg_demo",
            raise_if_not_found=False,
        )
        if not cls.shipment:
            raise SkipTest("The CHA tour walks the demo data.")
        cls.company = cls.env.ref("oms_core.res_company_sahyadri_demo")
        cls.cha_user = cls.env.ref(
            "oms_export_logistics.res_users_jnpt_cha_portal_demo"
        )
        cls.filing = cls.shipment.task_ids.filtered(
            lambda t: (
                t.task_type_id
                == cls.env.ref(
                    "oms_export_logistics.oms_export_task_type_shipping_bill"
                )
            )
        )
        cls.documents = cls.shipment.document_ids.filtered(
            lambda d: d.document_type_id.code in ("commercial_invoice", "packing_list")
        )

    def _document_urls(self):
        return [
            f"/my/shipments/{self.shipment.id}/documents/{document.id}"
            for document in self.documents
        ]

    def test_cha_portal_tour(self):
        # The demo as the tour expects it.
        self.assertEqual(self.filing.state, "todo")
        self.assertEqual(
            self.filing.partner_id, self.cha_user.partner_id.commercial_partner_id
        )
        self.assertEqual(len(self.documents), 2)
        self.assertTrue(all(self.documents.mapped("attachment_id")))
        self.start_tour("/my", "oms_export_cha_portal_tour", login="cha_portal")
        self.assertEqual(self.filing.state, "done")
        self.assertTrue(self.filing.date_done)

    def test_cha_downloads_the_filing_documents(self):
        self.authenticate("cha_portal", "cha_portal")
        page = self.url_open(f"/my/shipments/{self.shipment.id}").text
        for url, document in zip(self._document_urls(), self.documents, strict=True):
            with self.subTest(document=document.name):
                self.assertIn(url, page)
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                # The stored file itself (a PDF; a database built with
                # --test-enable, as make test does, renders reports as HTML).
                self.assertTrue(response.content)
                self.assertEqual(response.content, document.attachment_id.raw)

    def test_portal_shows_the_company_logo(self):
        self.assertFalse(self.company.uses_default_logo)
        with file_open("oms_core/static/img/sahyadri_logo.png", "rb") as logo:
            self.assertEqual(base64.b64decode(self.company.logo), logo.read())
        self.authenticate("cha_portal", "cha_portal")
        page = self.url_open("/my").text
        self.assertIn(f"/logo.png?company={self.company.id}", page)
