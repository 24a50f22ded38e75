# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestExportRulesEngine(OmsDocumentCommon):
    """The former document rules and task type criteria, configured as OMS
    rules (``require_document`` and ``create_task``), behave as before:
    conditions, mandatory merge, company scope, archived rules, idempotent
    generation; and a rule of these types is refused elsewhere."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.rule"].search([("area", "=", "export")]).active = False
        cls.Rule = cls.env["oms.rule"]
        cls.other_company = cls.env["res.company"].create({"name": "Other Exports"})
        cls.task_type = cls.env["oms.export.task.type"].create(
            {"name": "Insurance booking", "party_role": "forwarder"}
        )

    def _document_rule(self, code, domain="[]", **vals):
        return self.Rule.create(
            {
                "name": f"{code}: {domain}",
                "document_type_id": self._doc_type(code).id,
                "domain": domain,
                **vals,
            }
        )

    def _required(self, shipments):
        return {
            shipment: {doc_type.code: mandatory for doc_type, mandatory in by.items()}
            for shipment, by in self.env["oms.export.document"]
            ._get_required_types(shipments)
            .items()
        }

    def test_payload_fills_the_rule_type(self):
        rule = self._document_rule("packing_list")
        self.assertEqual(
            (rule.rule_type, rule.applies_to, rule.event, rule.area),
            ("require_document", "oms.export.shipment", "shipment_documents", "export"),
        )
        self.assertTrue(rule.document_mandatory)
        self.task_type.rule_ids = [Command.create({"name": "All", "domain": "[]"})]
        self.assertEqual(
            (self.task_type.rule_ids.rule_type, self.task_type.rule_ids.event),
            ("create_task", "shipment_tasks"),
        )
        self.assertIn(rule, self._doc_type("packing_list").rule_ids)

    def test_document_conditions(self):
        self._document_rule(
            "insurance_request", "[('incoterm_id.code', 'in', ['CIF'])]"
        )
        self._document_rule(
            "origin_certificate", "[('partner_id.country_id.code', 'in', ['DE'])]"
        )
        self._document_rule("bank_cover_letter", "[('letter_credit_id', '!=', False)]")
        self._document_rule(
            "vgm_declaration", "[('mode', '=', 'sea'), ('container_ids', '!=', False)]"
        )
        cif_lc_boxes = self._create_shipment(
            containers=["MSCU1234565"], letter_credit_id=self.credit.id
        )
        order_us = self._create_order(partner=self.customer_us)
        fob_us = self._create_shipment(
            orders=order_us, incoterm_id=self.incoterm_fob.id
        )
        required = self._required(cif_lc_boxes | fob_us)
        self.assertEqual(
            set(required[cif_lc_boxes]),
            {
                "insurance_request",
                "origin_certificate",
                "bank_cover_letter",
                "vgm_declaration",
            },
        )
        self.assertNotIn(fob_us, required, "No rule matches the FOB US shipment.")

    def test_mandatory_merge(self):
        self._document_rule("proforma_invoice", document_mandatory=False)
        self._document_rule("packing_list", document_mandatory=False)
        self._document_rule(
            "packing_list", "[('mode', '=', 'sea')]", document_mandatory=True
        )
        shipment = self._create_shipment()
        self.assertEqual(
            self._required(shipment)[shipment],
            {"proforma_invoice": False, "packing_list": True},
        )
        self.assertEqual(self._codes(shipment, mandatory=True), {"packing_list"})

    def test_company_scope_and_archived_rule(self):
        self._document_rule("packing_list", company_id=self.other_company.id)
        archived = self._document_rule("proforma_invoice")
        archived.active = False
        shipment = self._create_shipment()
        self.assertFalse(shipment.document_ids)
        self._document_rule("packing_list", company_id=self.company.id)
        shipment.action_generate_documents()
        self.assertEqual(self._codes(shipment), {"packing_list"})

    def test_task_rules_generate_once(self):
        self.task_type.rule_ids = [
            Command.create(
                {"name": "CIF", "domain": "[('incoterm_id.code', 'in', ['CIF'])]"}
            )
        ]
        cif = self._create_shipment()
        fob = self._create_shipment(incoterm_id=self.incoterm_fob.id)
        self.assertEqual(
            (cif | fob)._oms_get_task_types(), {cif: self.task_type}, "CIF only."
        )
        (cif | fob)._oms_generate_tasks()
        (cif | fob)._oms_generate_tasks()
        self.assertEqual(cif.task_ids.task_type_id, self.task_type)
        self.assertEqual(len(cif.task_ids), 1, "Generation is idempotent.")
        self.assertFalse(fob.task_ids)

    def test_task_rules_company_and_archives(self):
        rule = self.Rule.create(
            {
                "name": "Other company only",
                "task_type_id": self.task_type.id,
                "company_id": self.other_company.id,
            }
        )
        shipment = self._create_shipment()
        self.assertFalse(shipment._oms_get_task_types())
        rule.company_id = self.company
        self.assertEqual(shipment._oms_get_task_types(), {shipment: self.task_type})
        rule.active = False
        self.assertFalse(shipment._oms_get_task_types())
        rule.active = True
        self.task_type.active = False
        self.assertFalse(shipment._oms_get_task_types(), "Archived type ignored.")

    def test_task_type_without_rule_gives_no_task(self):
        shipment = self._create_shipment()
        shipment._oms_generate_tasks()
        self.assertFalse(shipment.task_ids)

    def test_rule_of_these_types_is_refused_elsewhere(self):
        doc_type = self._doc_type("packing_list")
        wrong = (
            {"applies_to": "sale.order", "event": "confirm"},
            {"applies_to": "oms.export.shipment", "event": "shipment_tasks"},
        )
        for vals in wrong:
            with self.assertRaises(ValidationError):
                self.Rule.create(
                    {
                        "name": "Misplaced",
                        "rule_type": "require_document",
                        "document_type_id": doc_type.id,
                        **vals,
                    }
                )
        with self.assertRaises(ValidationError):
            self.Rule.create(
                {
                    "name": "No document",
                    "rule_type": "require_document",
                    "applies_to": "oms.export.shipment",
                    "event": "shipment_documents",
                }
            )
        with self.assertRaises(ValidationError):
            self.Rule.create({"name": "No task", "rule_type": "create_task"})
        rule = self._document_rule("packing_list")
        with self.assertRaises(ValidationError):
            rule.document_type_id = False
        self.assertEqual(rule.document_type_id, doc_type, "Nothing changed.")
        count = self.Rule.search_count([("rule_type", "=", "require_document")])
        with self.assertRaises(ValidationError):
            self._document_rule("packing_list", "[('id', '=', uid.__class__)]")
        self.assertEqual(
            self.Rule.search_count([("rule_type", "=", "require_document")]), count
        )
