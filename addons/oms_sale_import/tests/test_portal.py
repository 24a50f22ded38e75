# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .common import OmsSaleImportCommon, read_sample


@tagged("post_install", "-at_install")
class TestPortal(OmsSaleImportCommon, HttpCase):
    """Customers upload purchase orders and reorder their own orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Anna Schmidt",
                "login": "anna_portal",
                "password": "anna_portal",
                "partner_id": cls.buyer.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.other_order = cls._create_order(partner=cls.customer_in)

    def _post(self, url, files=None, **data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}, files=files
        )

    def _upload(self, filename, content):
        return self._post("/my/orders/upload", files={"po_file": (filename, content)})

    def test_upload_csv_arrives_as_quotation(self):
        self.authenticate("anna_portal", "anna_portal")
        response = self._upload("po_hamburg.csv", read_sample("po_hamburg.csv"))
        self.assertEqual(response.status_code, 200)
        order = self.env["sale.order"].search([("client_order_ref", "=", "HMB-4711")])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.oms_capture_channel, "portal")
        self.assertEqual(order.partner_id.commercial_partner_id, self.customer_de)
        self.assertIn(order.name, response.text)

    def test_upload_for_another_customer_is_refused(self):
        self.authenticate("anna_portal", "anna_portal")
        self.customer_in.write({"vat": False, "is_company": True})
        content = (
            read_sample("ubl_order.xml")
            .replace(b"DE123456788", b"")
            .replace(b"Hamburg Maschinenbau GmbH", b"Pune Traders")
            .replace(b"<cbc:CompanyID></cbc:CompanyID>", b"")
            .replace(b"<cbc:IdentificationCode>DE<", b"<cbc:IdentificationCode>IN<")
        )
        response = self._upload("ubl_order.xml", content)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(
            self.env["sale.order"].search([("client_order_ref", "=", "UBL-9001")])
        )
        intake = self.env["oms.po.intake"].search([("name", "=", "ubl_order.xml")])
        self.assertEqual(intake.state, "failed")
        self.assertIn("not for the sender's company", intake.error)
        self.assertIn(intake.error, response.text.replace("&#39;", "'"))

    def test_upload_wrong_file_type(self):
        self.authenticate("anna_portal", "anna_portal")
        response = self._upload("order.exe", b"MZ\x90\x00")
        self.assertIn("is not a purchase order file", response.text)
        self.assertFalse(self.env["oms.po.intake"].search([("name", "=", "order.exe")]))

    def test_reorder_own_order(self):
        past = self._create_order(partner=self.buyer)
        past.action_confirm()
        self.authenticate("anna_portal", "anna_portal")
        response = self._post(f"/my/orders/{past.id}/oms_reorder")
        self.assertEqual(response.status_code, 200)
        new = self.env["sale.order"].search([("origin", "=", past.name)])
        self.assertEqual(len(new), 1)
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.oms_capture_channel, "portal")
        self.assertEqual(
            new.order_line.mapped("product_uom_qty"),
            past.order_line.mapped("product_uom_qty"),
        )

    def test_reorder_other_customers_order_is_refused(self):
        self.other_order.action_confirm()
        self.authenticate("anna_portal", "anna_portal")
        self._post(f"/my/orders/{self.other_order.id}/oms_reorder")
        self.assertFalse(
            self.env["sale.order"].search([("origin", "=", self.other_order.name)])
        )

    def test_orders_list_shows_stage_and_promised_date(self):
        past = self._create_order(partner=self.buyer)
        past.action_confirm()
        self.authenticate("anna_portal", "anna_portal")
        response = self.url_open("/my/orders")
        self.assertIn("Promised Date", response.text)
        self.assertIn("Upload a purchase order", response.text)
        page = self.url_open(past.get_portal_url())
        self.assertIn("o_oms_portal_stage", page.text)
