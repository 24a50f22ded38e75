# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .doc_common import OmsDocumentCommon

ALWAYS = {
    "commercial_invoice",
    "packing_list",
    "shipping_instructions",
    "bl_record",
    "shipment_advice",
}


@tagged("post_install", "-at_install")
class TestDocumentRules(OmsDocumentCommon):
    """The shipped rules pick each shipment's documents from its incoterm,
    destination, payment terms, letter of credit, mode and containers."""

    def test_cif_lc_container_to_germany(self):
        shipment = self._create_shipment(
            containers=["MSCU1234565"], letter_credit_id=self.credit.id
        )
        shipment.action_generate_documents()
        self.assertEqual(
            self._codes(shipment),
            ALWAYS
            | {
                "insurance_request",
                "insurance_certificate",
                "vgm_declaration",
                "bank_cover_letter",
                "origin_certificate",
            },
        )
        self.assertTrue(all(shipment.document_ids.mapped("mandatory")))
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"required"})

    def test_fca_air_to_us_without_lc(self):
        order = self._create_order(
            partner=self.customer_us, payment_term_id=self.payment_30.id
        )
        shipment = self._create_shipment(
            orders=order,
            incoterm_id=self.env.ref("account.incoterm_FCA").id,
            mode="air",
        )
        shipment.action_generate_documents()
        self.assertEqual(self._codes(shipment), ALWAYS)

    def test_payment_term_advance_asks_pro_forma(self):
        order = self._create_order(
            partner=self.customer_us, payment_term_id=self.payment_now.id
        )
        shipment = self._create_shipment(orders=order, incoterm_id=self.incoterm_fob.id)
        shipment.action_generate_documents()
        self.assertIn("proforma_invoice", self._codes(shipment, mandatory=True))

    def test_sea_without_containers_needs_no_vgm(self):
        shipment = self._create_shipment()
        shipment.action_generate_documents()
        self.assertNotIn("vgm_declaration", self._codes(shipment))
        self.assertNotIn("bank_cover_letter", self._codes(shipment))

    def test_letter_credit_lists_documents(self):
        self.credit.document_type_ids = self._doc_type("proforma_invoice")
        shipment = self._create_shipment(letter_credit_id=self.credit.id)
        shipment.action_generate_documents()
        self.assertIn("proforma_invoice", self._codes(shipment, mandatory=True))

    def test_optional_rule_then_mandatory(self):
        doc_type = self._doc_type("proforma_invoice")
        self.env["oms.rule"].create(
            {
                "name": "German customers: pro-forma on request",
                "document_type_id": doc_type.id,
                "document_mandatory": False,
                "domain": "[('partner_id.country_id.code', '=', 'DE')]",
            }
        )
        shipment = self._create_shipment()
        shipment.action_generate_documents()
        self.assertIn("proforma_invoice", self._codes(shipment, mandatory=False))
        # The letter of credit asks for it: the same line becomes mandatory.
        self.credit.document_type_ids = doc_type
        shipment.letter_credit_id = self.credit
        shipment.action_generate_documents()
        self.assertIn("proforma_invoice", self._codes(shipment, mandatory=True))
        lines = shipment.document_ids.filtered(lambda d: d.document_type_id == doc_type)
        self.assertEqual(len(lines), 1)

    def test_checklist_is_idempotent_and_keeps_progress(self):
        shipment = self._create_shipment()
        shipment.action_generate_documents()
        count = shipment.document_count
        invoice = shipment.document_ids.filtered(
            lambda d: d.document_type_id.code == "commercial_invoice"
        )
        invoice.action_prepare()
        invoice.action_verify()
        shipment.action_generate_documents()
        self.assertEqual(shipment.document_count, count, "Nothing duplicated.")
        self.assertEqual(invoice.state, "verified", "Progress kept.")
        self.assertEqual(invoice.verified_by_id, self.env.user)
        # Adding containers and a letter of credit adds only what is missing.
        shipment.write(
            {
                "letter_credit_id": self.credit.id,
                "container_ids": [Command.create({"name": "MSCU7654321"})],
            }
        )
        added = shipment._generate_documents()
        self.assertEqual(
            set(added.document_type_id.mapped("code")),
            {"vgm_declaration", "bank_cover_letter"},
        )
        self.assertEqual(shipment.document_count, count + 2)

    def test_prepare_attaches_pdf_and_verify_needs_prepare(self):
        shipment = self._create_shipment()
        shipment.action_generate_documents()
        document = shipment.document_ids[:1]
        with self.assertRaises(UserError):
            document.action_verify()
        self.assertEqual(document.state, "required")
        shipment.action_prepare_documents()
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"prepared"})
        self.assertTrue(all(shipment.document_ids.mapped("attachment_id")))
        attachment = document.attachment_id
        self.assertEqual(attachment.res_model, "oms.export.shipment")
        self.assertEqual(attachment.res_id, shipment.id)
        self.assertIn(shipment.name, attachment.name)
        self.assertEqual(document.prepared_by_id, self.env.user)

    def test_rule_domain_is_validated_data(self):
        rule_vals = {
            "name": "Bad rule",
            "document_type_id": self._doc_type("packing_list").id,
        }
        Rule = self.env["oms.rule"]
        with self.assertRaises(ValidationError):
            Rule.create({**rule_vals, "domain": "[('no_such_field', '=', 1)]"})
        with self.assertRaises(ValidationError):
            Rule.create({**rule_vals, "domain": "__import__('os').getcwd()"})
        rule = Rule.create({**rule_vals, "domain": "[('mode', '=', 'air')]"})
        air = self._create_shipment(
            mode="air", incoterm_id=self.env.ref("account.incoterm_FCA").id
        )
        sea = self._create_shipment()
        self.assertEqual(rule._match(air | sea), air)

    def test_task_email_attaches_the_party_documents(self):
        cha = self.env["res.partner"].create(
            {"name": "Nhava Sheva Customs Agents", "email": "cha@example.com"}
        )
        shipment = self._create_shipment(cha_id=cha.id)
        shipment.action_prepare_documents()
        task = self.env["oms.export.task"].create(
            {
                "name": "Shipping bill filing",
                "shipment_id": shipment.id,
                "party_role": "cha",
                "partner_id": cha.id,
            }
        )
        cha_documents = shipment.document_ids.filtered(lambda d: d.party_role == "cha")
        self.assertTrue(cha_documents)
        self.assertEqual(task._get_task_attachments(), cha_documents.attachment_id)

    def test_send_documents_to_a_party(self):
        forwarder = self.env["res.partner"].create(
            {"name": "Konkan Freight", "email": "ops@konkan.example.com"}
        )
        shipment = self._create_shipment(forwarder_id=forwarder.id)
        with self.assertRaises(UserError):
            shipment.with_context(oms_party_role="forwarder").action_send_documents()
        shipment.action_prepare_documents()
        shipment.with_context(oms_party_role="forwarder").action_send_documents()
        sent = shipment.document_ids.filtered(lambda d: d.state == "sent")
        self.assertEqual(
            set(sent.document_type_id.mapped("code")),
            {"shipping_instructions", "insurance_request"},
        )
        self.assertEqual(sent.sent_partner_id, forwarder)
        message = shipment.message_ids.filtered(lambda m: forwarder in m.partner_ids)
        self.assertEqual(message.attachment_ids, sent.attachment_id)
        self.assertIn("Shipping Instructions", str(message.body))
        with self.assertRaises(UserError):
            shipment.with_context(oms_party_role="bank").action_send_documents()
