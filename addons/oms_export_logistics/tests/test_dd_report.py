# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from .dd_common import DdCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestDdReport(DdCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_tariff("origin_storage", free_days=5)
        today = fields.Date.context_today(cls.env["oms.dd.clock"])
        day = today - timedelta(30)
        cls.containers = cls._create_containers(
            cls._create_shipment("CIF"),
            2,
            empty_pickup_date=cls._at(day),
            gate_in_date=cls._at(day + timedelta(2)),
            loaded_date=cls._at(day + timedelta(12)),
        )
        cls.clocks = cls.containers.dd_clock_ids
        storage = cls.clocks.filtered(lambda c: c.clock_type == "origin_storage")
        storage[0].cause = "company"
        storage[1].cause = "customer"

    def test_kpi_company_caused(self):
        kpi = self.env["oms.dd.clock"]._dd_get_kpi([("id", "in", self.clocks.ids)])
        self.assertEqual(kpi["company_caused"], 800.0)
        self.assertEqual(kpi["total"], 1600.0)
        self.assertEqual(kpi["company_share"], 50.0)
        self.assertEqual(kpi["by_cause"]["customer"], 800.0)

    def _read_xlsx(self, content):
        """Cell values of the first sheet, row by row."""
        if openpyxl:
            sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        with zipfile.ZipFile(io.BytesIO(content)) as xlsx:
            ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
            strings = [
                "".join(si.itertext())
                for si in etree.fromstring(xlsx.read("xl/sharedStrings.xml")).findall(
                    "m:si", ns
                )
            ]
            sheet = etree.fromstring(xlsx.read("xl/worksheets/sheet1.xml"))
            rows = []
            for row in sheet.iterfind(".//m:row", ns):
                values = []
                for cell in row.iterfind("m:c", ns):
                    value = cell.findtext("m:v", namespaces=ns)
                    if cell.get("t") == "s":
                        value = strings[int(value)]
                    elif value is not None:
                        value = float(value)
                    values.append(value)
                rows.append(values)
            return rows

    def test_xlsx_report(self):
        content, report_type = self.env["ir.actions.report"]._render_xlsx(
            "oms_export_logistics.oms_dd_clock_report_xlsx", self.clocks.ids, {}
        )
        self.assertEqual(report_type, "xlsx")
        rows = [row for row in self._read_xlsx(content) if any(row)]
        self.assertEqual(rows[0][:2], ["Caused by the company (goal: zero)", 800.0])
        self.assertEqual(rows[1][1], 1600.0)
        header = rows[2]
        self.assertIn("Container", header)
        self.assertIn("Cause", header)
        body = rows[3:]
        self.assertEqual(len(body), len(self.clocks))
        amount = header.index("Amount")
        cause = header.index("Cause")
        container = header.index("Container")
        charged = [row for row in body if row[amount]]
        self.assertEqual(
            sorted((row[container], row[amount], row[cause]) for row in charged),
            sorted(
                [
                    (self.containers[0].name, 800.0, "Company"),
                    (self.containers[1].name, 800.0, "Customer"),
                ]
            ),
        )
