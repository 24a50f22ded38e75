# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest import SkipTest

from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader

REPORTS = (
    "proforma_invoice",
    "commercial_invoice",
    "packing_list",
    "shipping_instructions",
    "origin_certificate",
    "insurance_request",
    "vgm_declaration",
    "bl_record",
    "bank_cover_letter",
    "shipment_advice",
    "insurance_certificate",
)


@tagged("post_install", "-at_install")
class TestDocumentLayout(TransactionCase):
    """The documents as a bank's checker reads them, on the demo CIF Hamburg
    shipment: one exporter identity, printed once, with its customs codes;
    the goods start on page 1; the page counter stays on one line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls.env.ref(
            "oms_export_logistics.oms_export_shipment_hamburg_demo",
            raise_if_not_found=False,
        )
        if not cls.shipment:
            raise SkipTest("The layout is checked on the demo shipment.")
        cls.company = cls.shipment.company_id
        cls.Report = cls.env["ir.actions.report"]

    def _report(self, code):
        return self.env.ref(f"oms_export_logistics.action_report_{code}")

    def _html(self, code):
        return self.Report._render_qweb_html(self._report(code), self.shipment.ids)[
            0
        ].decode()

    def test_exporter_identity_once(self):
        street = self.company.partner_id.street
        self.assertTrue(street)
        for code in REPORTS:
            with self.subTest(code=code):
                html = self._html(code)
                self.assertEqual(html.count(street), 1, "No second address.")
                self.assertEqual(html.count(">Exporter<"), 1)
                if self.company.vat:
                    self.assertIn(f"GSTIN: <span>{self.company.vat}</span>", html)

    def test_page_counter_on_one_line(self):
        # wkhtmltopdf fills the counter in the PDF only: read the frame.
        frame = self.env.ref("oms_export_logistics.report_export_document_frame")
        arch = frame.arch_db
        counter = arch[: arch.index('class="topage"')]
        counter = counter[counter.rindex("<div") :]
        self.assertIn("white-space: nowrap", counter)

    def test_every_document_on_the_export_paper(self):
        paper = self.env.ref("oms_export_logistics.paperformat_oms_export_document")
        for code in REPORTS:
            with self.subTest(code=code):
                self.assertEqual(self._report(code).paperformat_id, paper)

    def test_goods_start_on_page_one(self):
        # wkhtmltopdf fetches no assets here (report.url on a closed port):
        # the page holds less than with them, so this is on the safe side.
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        content, _type = self.Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(self._report("commercial_invoice"), self.shipment.ids)
        pages = [
            " ".join((page.extract_text() or "").split())
            for page in PdfFileReader(io.BytesIO(content)).pages
        ]
        product = self.shipment.sale_order_ids.order_line[:1].product_id
        self.assertIn("HS Code", pages[0])
        self.assertIn(product.name, pages[0])
