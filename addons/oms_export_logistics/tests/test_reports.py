# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import render_pdf_text

from .doc_common import OmsDocumentCommon

TITLES = {
    "proforma_invoice": "Pro-forma Invoice",
    "commercial_invoice": "Commercial Invoice",
    "packing_list": "Packing List",
    "shipping_instructions": "Shipping Instructions",
    "origin_certificate": "Certificate of Origin Application",
    "insurance_request": "Insurance Request",
    "vgm_declaration": "Verified Gross Mass Declaration",
    "bl_record": "Bill of Lading or Air Waybill Record",
    "bank_cover_letter": "Bill of Exchange",
    "shipment_advice": "Shipment Advice",
    "insurance_certificate": "Insurance Certificate",
}
PRICED = {
    "proforma_invoice",
    "commercial_invoice",
    "insurance_request",
    "bank_cover_letter",
    "insurance_certificate",
}


@tagged("post_install", "-at_install")
class TestReports(OmsDocumentCommon):
    """Every document renders as PDF, and its text shows the key fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            bl_number="MSCUHH0042",
            bl_date=cls.today - timedelta(days=1),
            containers=["MSCU1234565"],
            port_loading="INNSA",
            port_discharge="DEHAM",
            vessel="MSC Aurora",
            voyage="AR612W",
        )
        cls.shipment.container_ids.seal_number = "SEAL778899"
        cls.Report = cls.env["ir.actions.report"]

    def _html(self, code):
        report = self._doc_type(code).report_id
        html, _type = self.Report._render_qweb_html(report, self.shipment.ids)
        return html.decode()

    def test_every_document_type_has_a_report(self):
        doc_types = self.DocType.search([("code", "in", list(TITLES))])
        self.assertEqual(len(doc_types), len(TITLES))
        self.assertTrue(all(doc_types.mapped("report_id")))

    def test_pdfs_render(self):
        # Real PDFs through wkhtmltopdf, their text read back.
        for code, title in TITLES.items():
            with self.subTest(code=code):
                text = render_pdf_text(
                    self.env, self._doc_type(code).report_id, self.shipment.ids
                )
                self.assertIn(" ".join(title.split()), text)
                self.assertIn(self.shipment.name, text)

    def test_html_shows_key_fields(self):
        amount = f"{self.order.amount_total:,.2f}"
        for code, title in TITLES.items():
            with self.subTest(code=code):
                html = self._html(code)
                for text in (
                    title,
                    self.shipment.name,
                    self.company.name,
                    "Hamburg Maschinenbau GmbH",
                    "CIF",
                    "Hamburg",
                    "MSCUHH0042",
                    "HHB-LC-2026-0042",
                    self.order.name,
                    "Stainless Valve DN50",
                    "848180",
                    "MSCU1234565",
                    "SEAL778899",
                    "INNSA",
                    "DEHAM",
                    "MSC Aurora",
                    "AR612W",
                ):
                    self.assertIn(text, html)
                if code in PRICED:
                    self.assertIn(amount, html)
                    self.assertIn(self.currency.name, html)

    def test_specific_content(self):
        self.assertIn("Konkan Export Bank", self._html("bank_cover_letter"))
        self.assertIn("India", self._html("origin_certificate"))
        insured = f"{self.order.amount_total * 1.1:,.2f}"
        self.assertIn(insured, self._html("insurance_certificate"))

    def test_report_models_give_the_printed_values(self):
        # Every document has its report model; the templates print the values
        # they prepare, not shipment methods.
        for code in TITLES:
            with self.subTest(code=code):
                report = self._doc_type(code).report_id
                model = self.env[f"report.{report.report_name}"]
                values = model._get_report_values(self.shipment.ids)
                self.assertEqual(values["docs"], self.shipment)
                doc_values = values["shipment_values"][self.shipment.id]
                self.assertEqual(doc_values["currency"], self.currency)
                self.assertAlmostEqual(doc_values["amount"], self.order.amount_total)
                self.assertEqual(
                    [line["product"] for line in doc_values["lines"]],
                    [line.product_id.display_name for line in self.order.order_line],
                    "No delivery on the shipment: the orders' lines print.",
                )
                self.assertAlmostEqual(
                    doc_values["total_weight"],
                    sum(line["weight"] for line in doc_values["lines"]),
                )
        insured = self.env["report.oms_export_logistics.report_insurance_request"]
        doc_values = insured._get_report_values(self.shipment.ids)["shipment_values"]
        self.assertAlmostEqual(
            doc_values[self.shipment.id]["insured_value"],
            self.order.amount_total * 1.1,
        )
        cover = self.env["report.oms_export_logistics.report_bank_cover_letter"]
        doc_values = cover._get_report_values(self.shipment.ids)["shipment_values"]
        self.assertEqual(
            doc_values[self.shipment.id]["bank"],
            self.shipment._get_party_partner("bank"),
        )
