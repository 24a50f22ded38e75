# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from copy import deepcopy
from datetime import date, datetime, time, timedelta

from odoo import Command
from odoo.tests import tagged

from .doc_common import OmsDocumentCommon

CONSIGNEE = "Hamburg Maschinenbau GmbH"
TO_ORDER = "To the order of Hanseatische Handelsbank AG"
PRESENTED = ("commercial_invoice", "packing_list", "bl_record")
PRESENTED += ("insurance_certificate", "origin_certificate")


@tagged("post_install", "-at_install")
class TestLcExamination(OmsDocumentCommon):
    """The examiner, fed facts directly: a clean set is a complying
    presentation; each planted discrepancy is reported alone, on its document
    with its UCP 600 article."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Examiner = cls.env["oms.lc.examiner"]
        cls.amount = cls.credit.amount
        cls.credit.write(
            {
                "goods_description": "Stainless valves DN50",
                "goods_quantity": 40.0,
                "port_loading": "INNSA",
                "port_discharge": "DEHAM",
                "required_consignee": TO_ORDER,
                "document_type_ids": [
                    Command.set([cls._doc_type(code).id for code in PRESENTED])
                ],
            }
        )
        cls.shipped = cls.today - timedelta(days=2)
        cls.presented = cls.today + timedelta(days=1)
        other = cls.env["res.currency"].search(
            [("id", "!=", cls.currency.id), ("active", "in", (True, False))], limit=1
        )
        cls.other_currency = other.name

    def _clean(self):
        """A consistent set, as the documents of the CIF Hamburg shipment
        state it."""
        common = {
            "consignee": CONSIGNEE,
            "notify": "Hamburg Maschinenbau GmbH, Einkauf",
            "goods_description": "Stainless valves DN50, flanged, PN16",
            "quantity": 40.0,
            "packages": 10,
            "gross_weight": 1250.0,
            "net_weight": 1100.0,
            "marks": "HMB / HAMBURG / 1-10",
            "amount": None,
            "currency": None,
            "lc_number": self.credit.name,
            "port_loading": "INNSA",
            "port_discharge": "DEHAM",
            "vessel": "MSC ANNA",
            "shipment_date": self.shipped,
            "document_date": self.shipped,
            "insured_amount": None,
            "insurance_effective_date": None,
            "transshipment": None,
        }
        money = {"amount": self.amount, "currency": self.currency.name}
        return {
            "commercial_invoice": {**common, **money},
            "packing_list": dict(common),
            "bl_record": {**common, "consignee": TO_ORDER, "transshipment": False},
            "insurance_certificate": {
                **common,
                "consignee": None,
                "currency": self.currency.name,
                "insured_amount": round(self.amount * 1.1, 2),
                "insurance_effective_date": self.shipped,
            },
            "origin_certificate": {**common, "goods_description": "Stainless valves"},
            "bank_cover_letter": {
                "amount": self.amount,
                "currency": self.currency.name,
                "lc_number": self.credit.name,
                "document_date": self.shipped,
            },
        }

    def _examine(self, facts, presented=None, partial=None):
        return self.Examiner._examine(
            self.credit, presented or self.presented, facts, partial=partial
        )

    def _found(self, facts, presented=None):
        return [
            (d["document"], d["kind"], d["article"])
            for d in self._examine(facts, presented)
        ]

    def _set(self, facts, fname, value, documents=None):
        for code, values in facts.items():
            if (documents is None and values.get(fname) is not None) or (
                documents and code in documents
            ):
                values[fname] = value
        return facts

    def test_clean_set_complies(self):
        self.assertEqual(self._examine(self._clean()), [])
        # Documents the credit does not call for are disregarded (art. 14 g).
        facts = self._clean()
        facts["vgm_declaration"] = {"vessel": "OTHER SHIP", "gross_weight": 1.0}
        self.assertEqual(self._examine(facts), [])

    def test_each_planted_discrepancy_alone(self):
        # (kind, plant, expected document, expected article)
        ci, pl, bl = "commercial_invoice", "packing_list", "bl_record"
        ins, coo, draft = "insurance_certificate", "origin_certificate", None
        draft = "bank_cover_letter"
        late_ship = self.credit.latest_shipment_date + timedelta(days=1)

        def ship_late(f):
            for values in f.values():
                for fname in ("shipment_date", "document_date"):
                    if values.get(fname):
                        values[fname] = late_ship
            f[ins]["insurance_effective_date"] = late_ship

        def over_amount(f):
            self._set(f, "amount", self.amount * 1.06)
            f[ins]["insured_amount"] = self.amount * 1.06 * 1.1

        cases = [
            ("consignee", lambda f: self._set(f, "consignee", "Other AG", [pl])),
            ("consignee_bl", lambda f: self._set(f, "consignee", CONSIGNEE, [bl])),
            (
                "goods_description",
                lambda f: self._set(f, "goods_description", "Gate valves", [ci]),
            ),
            (
                "conflict_goods_description",
                lambda f: self._set(f, "goods_description", "Ball valves", [pl]),
            ),
            ("quantity_tolerance", lambda f: self._set(f, "quantity", 42.0)),
            ("conflict_quantity", lambda f: self._set(f, "quantity", 38.0, [pl])),
            ("packages", lambda f: self._set(f, "packages", 11, [bl])),
            ("gross_weight", lambda f: self._set(f, "gross_weight", 1300.0, [coo])),
            ("net_weight", lambda f: self._set(f, "net_weight", 1000.0, [pl])),
            ("marks", lambda f: self._set(f, "marks", "HMB / HAMBURG / 1-12", [bl])),
            ("notify", lambda f: self._set(f, "notify", "Someone else", [ins])),
            ("amount_over_credit", over_amount),
            ("conflict_amount", lambda f: self._set(f, "amount", 1.0, [draft])),
            ("lc_number", lambda f: self._set(f, "lc_number", "HHB-0043", [draft])),
            ("port_loading", lambda f: self._set(f, "port_loading", "INMUN", [bl])),
            (
                "conflict_port_discharge",
                lambda f: self._set(f, "port_discharge", "NLRTM", [coo]),
            ),
            ("vessel", lambda f: self._set(f, "vessel", "MSC BELLA", [ins])),
            ("late_shipment", ship_late),
            (
                "invoice_currency",
                lambda f: self._set(f, "currency", self.other_currency, [ci]),
            ),
            (
                "insurance_under",
                lambda f: self._set(f, "insured_amount", self.amount * 1.05, [ins]),
            ),
            (
                "insurance_currency",
                lambda f: self._set(f, "currency", self.other_currency, [ins]),
            ),
            (
                "insurance_late",
                lambda f: self._set(
                    f, "insurance_effective_date", self.shipped + timedelta(1), [ins]
                ),
            ),
            ("document_missing", lambda f: f.pop(coo)),
            (
                "document_date",
                lambda f: self._set(
                    f, "document_date", self.presented + timedelta(1), [pl]
                ),
            ),
        ]
        expected = {
            "consignee": (pl, "conflict_consignee", "UCP 600 art. 14 d, 14 j"),
            "consignee_bl": (bl, "conflict_consignee", "UCP 600 art. 14 d, 14 j"),
            "goods_description": (ci, "goods_description", "UCP 600 art. 18 c"),
            "conflict_goods_description": (
                pl,
                "conflict_goods_description",
                "UCP 600 art. 14 d, 14 e",
            ),
            "quantity_tolerance": (ci, "quantity_tolerance", "UCP 600 art. 30 a, 30 b"),
            "conflict_quantity": (pl, "conflict_quantity", "UCP 600 art. 14 d"),
            "packages": (bl, "conflict_packages", "UCP 600 art. 14 d"),
            "gross_weight": (coo, "conflict_gross_weight", "UCP 600 art. 14 d"),
            "net_weight": (pl, "conflict_net_weight", "UCP 600 art. 14 d"),
            "marks": (bl, "conflict_marks", "UCP 600 art. 14 d"),
            "notify": (ins, "conflict_notify", "UCP 600 art. 14 d, 14 j"),
            "amount_over_credit": (ci, "amount_over_credit", "UCP 600 art. 18 b, 30"),
            "conflict_amount": (draft, "conflict_amount", "UCP 600 art. 14 d"),
            "lc_number": (draft, "conflict_lc_number", "UCP 600 art. 14 d"),
            "port_loading": (bl, "port_loading", "UCP 600 art. 20 a iii"),
            "conflict_port_discharge": (
                coo,
                "conflict_port_discharge",
                "UCP 600 art. 14 d",
            ),
            "vessel": (ins, "conflict_vessel", "UCP 600 art. 14 d"),
            "late_shipment": (bl, "late_shipment", "UCP 600 art. 20 a ii"),
            "invoice_currency": (ci, "invoice_currency", "UCP 600 art. 18 a iii"),
            "insurance_under": (ins, "insurance_under", "UCP 600 art. 28 f ii"),
            "insurance_currency": (ins, "insurance_currency", "UCP 600 art. 28 f i"),
            "insurance_late": (ins, "insurance_late", "UCP 600 art. 28 e"),
            "document_missing": (coo, "document_missing", "UCP 600 art. 14 a"),
            "document_date": (pl, "document_date", "UCP 600 art. 14 i"),
        }
        self.assertEqual({case for case, _plant in cases}, set(expected))
        for case, plant in cases:
            with self.subTest(case=case):
                facts = deepcopy(self._clean())
                plant(facts)
                presented = self.presented
                if case == "late_shipment":
                    presented = self.credit.latest_shipment_date + timedelta(days=3)
                self.assertEqual(self._found(facts, presented), [expected[case]])

    def test_presentation_dates(self):
        """Late presentation (art. 14 c) and after expiry (art. 6 d, 6 e),
        judged on the presentation date, moved by bank holidays (29 a)."""
        facts = self._clean()
        deadline = self.credit._get_presentation_deadline(self.shipped)
        self.assertGreaterEqual(deadline, self.shipped + timedelta(days=21))
        self.assertEqual(self._found(facts, deadline), [])
        self.assertEqual(
            self._found(facts, deadline + timedelta(days=1)),
            [(False, "late_presentation", "UCP 600 art. 14 c, 29 a")],
        )
        expiry = self.credit._get_next_banking_day(self.credit.expiry_date)
        self.assertEqual(
            self._found(facts, expiry + timedelta(days=1)),
            [(False, "expired", "UCP 600 art. 6 d, 6 e, 29 a")],
        )

    def test_partial_shipment_allowed_unless_prohibited(self):
        facts = self._set(self._clean(), "quantity", 20.0)
        self._set(facts, "amount", self.amount / 2)
        facts["insurance_certificate"]["insured_amount"] = self.amount / 2 * 1.1
        self.assertTrue(self.credit.partial_shipment)
        self.assertEqual(self._examine(facts), [])
        self.credit.partial_shipment = False
        self.assertEqual(
            self._found(facts),
            [("commercial_invoice", "partial_shipment", "UCP 600 art. 31 a, 30 c")],
        )
        # The full quantity shipped, the amount 5 % short: art. 30 c.
        full = self._set(self._clean(), "amount", self.amount * 0.96)
        self.assertEqual(self._examine(full), [])
        short = self._set(self._clean(), "amount", self.amount * 0.90)
        self.assertEqual(
            [d["kind"] for d in self._examine(short)], ["partial_shipment"]
        )
        # A second shipment under the credit is partial whatever it states.
        self.assertEqual(
            [d["kind"] for d in self._examine(self._clean(), partial=True)],
            ["partial_shipment"],
        )

    def test_quantity_tolerance_about_and_bulk(self):
        facts = self._set(self._clean(), "quantity", 43.0)
        self.assertEqual(
            [d["kind"] for d in self._examine(facts)], ["quantity_tolerance"]
        )
        self.credit.quantity_about = True
        self.assertEqual(self._examine(facts), [])
        self.credit.write({"quantity_about": False, "goods_in_bulk": True})
        self.assertEqual(
            [d["kind"] for d in self._examine(facts)], ["quantity_tolerance"]
        )
        self.assertEqual(self._examine(self._set(facts, "quantity", 42.0)), [])
        # "About" the amount: 10 % (art. 30 a).
        facts = self._set(self._clean(), "amount", self.amount * 1.08)
        facts["insurance_certificate"]["insured_amount"] = self.amount * 1.2
        self.assertEqual(
            [d["kind"] for d in self._examine(facts)], ["amount_over_credit"]
        )
        self.credit.amount_about = True
        self.assertEqual(self._examine(facts), [])

    def test_transshipment(self):
        facts = self._clean()
        facts["bl_record"]["transshipment"] = True
        self.assertTrue(self.credit.transshipment)
        self.assertEqual(self._examine(facts), [])
        self.credit.transshipment = False
        self.assertEqual(
            self._found(facts),
            [("bl_record", "transshipment", "UCP 600 art. 20 c")],
        )
        # In containers, a B/L showing transshipment is acceptable even so.
        facts["bl_record"]["containers"] = 2
        self.assertEqual(self._examine(facts), [])

    def test_five_banking_days(self):
        """The bank has five banking days after the presentation day to
        examine (art. 14 b): weekends and the company's public holidays do
        not count."""
        thursday = date(2026, 12, 3)
        self.assertEqual(thursday.weekday(), 3)
        company = self.credit.company_id
        if not company.resource_calendar_id:
            company.resource_calendar_id = self.env.ref(
                "resource.resource_calendar_std"
            )
        self.assertEqual(self.credit._add_banking_days(thursday, 5), date(2026, 12, 10))
        monday = date(2026, 12, 7)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Bank holiday",
                "calendar_id": company.resource_calendar_id.id,
                "date_from": datetime.combine(monday, time(0, 0)),
                "date_to": datetime.combine(monday, time(23, 59)),
            }
        )
        self.assertEqual(self.credit._add_banking_days(thursday, 5), date(2026, 12, 11))
        self.assertEqual(
            self.credit._get_next_banking_day(date(2026, 12, 5)), date(2026, 12, 8)
        )
