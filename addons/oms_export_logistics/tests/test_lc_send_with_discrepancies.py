# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestLcSendWithDiscrepancies(OmsDocumentCommon):
    """Documents with discrepancies go to the bank only on purpose, with a
    comment; the examination and the comment cannot be forged afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            bank_id=cls.advising_bank.id,
            bl_number="MSCUHH0077",
            bl_date=cls.credit.latest_shipment_date + timedelta(days=1),
        )
        cls.shipment.action_generate_documents()
        # Documents verified and goods on board as such: their data, gates
        # and templates have their own tests.
        cls.shipment.document_ids._oms_transition_write({"state": "verified"})
        cls.shipment._oms_transition_write(
            {"state": "on_board", "date_on_board": fields.Datetime.now()}
        )
        cls.sent = cls.shipment.bl_date
        cls.Presentation = cls.env["oms.lc.presentation"]

    def _wizard(self, user=None, **vals):
        Wizard = self.env["oms.lc.presentation.submit"]
        if user:
            Wizard = Wizard.with_user(user)
        return Wizard.create(
            {
                "shipment_id": self.shipment.id,
                "courier_reference": "DHL 77",
                "sent_date": self.sent,
                **vals,
            }
        )

    def test_refused_without_comment(self):
        wizard = self._wizard(send_with_discrepancies=True)
        self.assertTrue(wizard.has_discrepancies)
        self.assertIn("UCP 600 art. 20 a ii", wizard.discrepancies)
        for comment in (False, "   "):
            wizard.discrepancy_comment = comment
            with self.assertRaisesRegex(UserError, "after the latest shipment date"):
                wizard.action_submit()
        self.assertFalse(self.shipment.lc_presentation_ids)
        self.assertEqual(set(self.shipment.document_ids.mapped("state")), {"verified"})

    def test_sent_with_discrepancies_and_comment(self):
        comment = "Applicant agreed by email of today to waive the late shipment."
        wizard = self._wizard(
            user=self.oms_user,
            send_with_discrepancies=True,
            discrepancy_comment=comment,
            presentation_date=self.sent + timedelta(days=2),
        )
        wizard.action_submit()
        presentation = self.shipment.lc_presentation_ids
        self.assertEqual(len(presentation), 1)
        self.assertTrue(presentation.with_discrepancies)
        self.assertEqual(presentation.discrepancy_comment, comment)
        self.assertEqual(presentation.presentation_date, self.sent + timedelta(days=2))
        self.assertEqual(
            presentation.examination_due_date,
            self.credit._add_banking_days(presentation.presentation_date, 5),
        )
        self.assertGreaterEqual(
            presentation.examination_due_date - presentation.presentation_date,
            timedelta(days=5),
        )
        examination = presentation.examination_id
        self.assertEqual(examination.result, "discrepant")
        self.assertEqual(examination.examined_by_id, self.oms_user)
        self.assertEqual(examination.discrepancy_ids.mapped("kind"), ["late_shipment"])
        self.assertEqual(
            examination.discrepancy_ids.document_type_id, self._doc_type("bl_record")
        )
        for record in (presentation, self.shipment):
            logged = record.message_ids.filtered(
                lambda m: "with discrepancies" in str(m.body)
            )
            self.assertEqual(len(logged), 1)
            self.assertIn(comment, str(logged.body))
            self.assertIn("art. 20 a ii", str(logged.body))

    def test_complying_presentation_needs_no_comment(self):
        self.shipment.bl_date = self.today - timedelta(days=2)
        presentation = self.Presentation._submit(self.shipment, "DHL 1")
        self.assertEqual(presentation.examination_id.result, "compliant")
        self.assertFalse(presentation.with_discrepancies)
        self.assertFalse(presentation.discrepancy_comment)

    def test_attacks_by_write_and_create(self):
        presentation = self.Presentation._submit(
            self.shipment, "DHL 1", sent_date=self.sent, discrepancy_comment="Waived"
        )
        as_user = presentation.with_user(self.oms_user)
        for vals in (
            {"discrepancy_comment": False},
            {"discrepancy_comment": "Other reason"},
            {"with_discrepancies": False},
            {"examination_id": False},
            {"presentation_date": self.sent + timedelta(days=30)},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                as_user.write(vals)
        presentation.invalidate_recordset()
        self.assertEqual(presentation.discrepancy_comment, "Waived")
        self.assertTrue(presentation.with_discrepancies)
        self.assertEqual(presentation.presentation_date, self.sent)
        # Even the superuser cannot keep a discrepant submission uncommented.
        with self.assertRaises(ValidationError):
            presentation.sudo().write({"discrepancy_comment": " "})
        examination = presentation.examination_id.with_user(self.oms_user)
        with self.assertRaises(UserError):
            examination.write({"presentation_date": self.today})
        with self.assertRaises(AccessError):
            examination.discrepancy_ids.unlink()
        with self.assertRaises(UserError):
            self.env["oms.lc.examination"].with_user(self.oms_user).create(
                {
                    "letter_credit_id": self.credit.id,
                    "shipment_id": self.shipment.id,
                    "presentation_date": self.today,
                }
            )
        self.assertEqual(len(examination.discrepancy_ids), 1)
        # A client creating a submission flagged "with discrepancies" is
        # refused like any other direct creation.
        presentation.action_cancel()
        with self.assertRaises(UserError):
            self.Presentation.with_user(self.oms_user).create(
                {
                    "letter_credit_id": self.credit.id,
                    "shipment_id": self.shipment.id,
                    "bank_id": self.advising_bank.id,
                    "with_discrepancies": True,
                    "discrepancy_comment": "Waived",
                }
            )
        self.assertEqual(len(self.shipment.lc_presentation_ids), 1)
