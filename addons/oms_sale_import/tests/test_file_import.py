# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
import re
import zipfile

import xlsxwriter

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OmsSaleImportCommon, read_sample


@tagged("post_install", "-at_install")
class TestFileImport(OmsSaleImportCommon):
    """Customer purchase orders as CSV, XLSX and UBL files, and bad input."""

    def _orders_with_ref(self, ref):
        return self.env["sale.order"].search([("client_order_ref", "=", ref)])

    def test_csv_purchase_order(self):
        order = self._import("po_hamburg.csv")
        self.assertEqual(order.partner_id, self.customer_de)
        self.assertEqual(order.client_order_ref, "HMB-4711")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.oms_capture_channel, "file")
        self.assertEqual(order.partner_shipping_id, self.dock)
        self.assertEqual(order.incoterm, self.incoterm_cif)
        self.assertEqual(order.incoterm_location, "Hamburg")
        self.assertEqual(order.commitment_date.date(), datetime.date(2030, 6, 30))
        lines = {line.product_id: line for line in order.order_line}
        self.assertEqual(lines[self.product].product_uom_qty, 10)
        self.assertEqual(lines[self.product_b].product_uom_qty, 4)
        self.assertEqual(
            lines[self.product_b].oms_requested_date, datetime.date(2030, 6, 15)
        )
        # Priced by the customer's pricelist, as an order typed in.
        typed = self._create_order(lines=[(self.product, 10)])
        self.assertEqual(order.pricelist_id, self.pricelist_eur)
        self.assertTrue(lines[self.product].price_unit)
        self.assertEqual(lines[self.product].price_unit, typed.order_line.price_unit)
        self.assertEqual(lines[self.product].tax_id, typed.order_line.tax_id)
        self.assertIn(
            "po_hamburg.csv",
            self.env["ir.attachment"]
            .search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
            .mapped("name"),
        )

    def test_xlsx_purchase_order(self):
        order = self._import("po_hamburg.xlsx")
        self.assertEqual(order.client_order_ref, "HMB-4712")
        self.assertEqual(order.oms_capture_channel, "file")
        self.assertEqual(
            sorted(order.order_line.mapped("product_uom_qty")), [6.0, 12.0]
        )
        self.assertEqual(order.commitment_date.date(), datetime.date(2030, 7, 31))
        self.assertEqual(order.partner_shipping_id, self.dock)

    def test_ubl_order_is_edi(self):
        order = self._import("ubl_order.xml")
        self.assertEqual(order.partner_id, self.customer_de)
        self.assertEqual(order.client_order_ref, "UBL-9001")
        self.assertEqual(order.oms_capture_channel, "edi")
        lines = {line.product_id: line.product_uom_qty for line in order.order_line}
        self.assertEqual(lines, {self.product: 20.0, self.product_b: 3.0})

    def test_ubl_customer_item_code(self):
        content = re.sub(
            rb"<cac:SellersItemIdentification>(\s*)<cbc:ID>OMS-PUMP-H</cbc:ID>"
            rb"(\s*)</cac:SellersItemIdentification>",
            rb"<cac:BuyersItemIdentification>\1<cbc:ID>HM-PUMP-H</cbc:ID>"
            rb"\2</cac:BuyersItemIdentification>",
            read_sample("ubl_order.xml"),
        )
        self.assertIn(b"BuyersItemIdentification", content)
        order = self._import("ubl_order.xml", content)
        self.assertEqual(order.order_line.product_id, self.product | self.product_b)

    def test_faulty_lines_refuse_the_whole_file(self):
        with self.assertRaises(UserError) as refusal:
            self._import("po_bad_lines.csv")
        message = refusal.exception.args[0]
        self.assertIn("3 of the 4 lines", message)
        self.assertIn("line 3: unknown item code XX-UNKNOWN", message)
        self.assertIn("line 4: the quantity ten is not a number", message)
        self.assertIn("line 5: the requested date 2020-01-01 is in the past", message)
        self.assertFalse(self._orders_with_ref("HMB-4799"))

    def test_import_valid_lines_only(self):
        order = self._import("po_bad_lines.csv", skip_error_lines=True)
        self.assertEqual(order.order_line.product_id, self.product)
        self.assertEqual(order.order_line.product_uom_qty, 10)
        skipped = order.message_ids.filtered(lambda m: "Errors lines" in (m.body or ""))
        self.assertTrue(skipped, "The skipped lines are listed on the order.")
        self.assertIn("XX-UNKNOWN", skipped.body)

    def test_wrong_file_type(self):
        # A text file chosen as CSV: refused by its name.
        with self.assertRaises(UserError):
            self._import("po.txt", b"not an order", import_type="csv")
        # A workbook named .csv: refused by its content.
        with self.assertRaisesRegex(UserError, "the content is not a CSV file"):
            self._import("po.csv", read_sample("po_hamburg.xlsx"))
        # A zip archive that is no workbook, named .xlsx.
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("order.txt", "not a workbook")
        with self.assertRaisesRegex(UserError, "not an XLSX workbook"):
            self._import("po.xlsx", archive.getvalue())
        self.assertFalse(self._orders_with_ref("po"))

    def test_customer_without_layout(self):
        with self.assertRaisesRegex(UserError, "has no purchase order layout"):
            self._import(
                "po_hamburg.csv",
                read_sample("po_hamburg.csv"),
                partner=self.customer_in,
            )

    def test_unknown_customer_in_ubl(self):
        content = (
            read_sample("ubl_order.xml")
            .replace(b"DE123456788", b"DE999999999")
            .replace(b"Hamburg Maschinenbau GmbH", b"Unknown Buyer AG")
        )
        with self.assertRaises(UserError):
            self._import("ubl_order.xml", content)
        self.assertFalse(self._orders_with_ref("UBL-9001"))

    def test_missing_columns(self):
        content = self._csv(["X1,HM-VALVE-50,3"], header="PO Number,Item No,Amount")
        with self.assertRaisesRegex(UserError, r"quantity \(qty\)"):
            self._import("po.csv", content)

    def test_rows_disagree_on_po_reference(self):
        content = self._csv(
            ["PO-A,HM-VALVE-50,3,2030-01-01", "PO-B,HM-PUMP-H,3,2030-01-01"]
        )
        with self.assertRaisesRegex(UserError, "disagree on the PO reference"):
            self._import("po.csv", content)

    def test_fifty_thousand_lines(self):
        rows = ["BIG-1,HM-VALVE-50,1,2030-01-01" for _i in range(50000)]
        with self.assertRaisesRegex(UserError, "more than 10000 lines"):
            self._import("big.csv", self._csv(rows))
        self.assertFalse(self._orders_with_ref("BIG-1"))

    def test_formula_is_refused(self):
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["PO Number", "Item No", "Qty"])
        sheet.write_row(1, 0, ["F-1", "HM-VALVE-50"])
        sheet.write_formula(1, 2, "=2*5", None, 10)
        workbook.close()
        with self.assertRaisesRegex(UserError, "line 2: formulas are not accepted"):
            self._import("formula.xlsx", stream.getvalue())

    def test_capture_channel_is_not_for_clients(self):
        orders = self.env["sale.order"].with_user(self.oms_user)
        with self.assertRaises(UserError):
            orders.create(
                {"partner_id": self.customer_de.id, "oms_capture_channel": "portal"}
            )
        order = orders.create({"partner_id": self.customer_de.id})
        self.assertEqual(order.oms_capture_channel, "manual")
        with self.assertRaises(UserError):
            order.write({"oms_capture_channel": "email"})
        self.assertEqual(order.oms_capture_channel, "manual")
