# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OmsSaleImportCommon, read_sample

SENDER = b"anna.schmidt@hamburg-maschinenbau.example"


@tagged("post_install", "-at_install")
class TestEmailCapture(OmsSaleImportCommon):
    """Purchase orders emailed to the company's order alias."""

    def _receive(self, eml):
        intake_id = self.env["mail.thread"].message_process(
            "oms.po.intake",
            eml,
            custom_values={"company_id": self.company.id},
        )
        return self.env["oms.po.intake"].browse(intake_id)

    def _eml(self, sender=SENDER, message_id=b"po-4713", csv=None):
        eml = read_sample("po_email.eml").replace(SENDER, sender)
        eml = eml.replace(b"po-4713.anna", message_id + b".anna")
        if csv is not None:
            original = base64.encodebytes(
                b"PO Number,Item No,Description,Qty,Delivery Date,Ship To,Incoterm,"
                b"Named Place\r\nHMB-4713,HM-VALVE-50,Valve DN50 stainless,8,"
                b"2030-08-31,HAMBURG-DOCK,CIF,Hamburg\r\n"
            )
            eml = eml.replace(original, base64.encodebytes(csv))
        return eml.decode()

    def _orders(self):
        return self.env["sale.order"].search([("client_order_ref", "=", "HMB-4713")])

    def test_company_has_an_alias(self):
        alias = self.company.oms_po_alias_id
        self.assertTrue(alias)
        self.assertEqual(alias.alias_model_id.model, "oms.po.intake")
        self.assertIn(str(self.company.id), alias.alias_defaults)

    def test_email_with_po_becomes_draft_order(self):
        intake = self._receive(self._eml())
        self.assertEqual(intake.state, "done", intake.error)
        order = intake.order_id
        self.assertEqual(order, self._orders())
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.oms_capture_channel, "email")
        self.assertEqual(order.partner_id, self.buyer)
        self.assertEqual(order.order_line.product_uom_qty, 8)
        email = order.message_ids.filtered(
            lambda m: "please find our purchase order" in (m.body or "")
        )
        self.assertTrue(email, "The email is on the order's chatter.")
        self.assertEqual(email.attachment_ids.mapped("name"), ["HMB-4713.csv"])

    def _fallouts(self, intake):
        return self.env["oms.fallout"].search([("intake_id", "=", intake.id)])

    def test_unknown_sender_is_a_fallout(self):
        intake = self._receive(self._eml(sender=b"someone@unknown.example"))
        self.assertEqual(intake.state, "failed")
        self.assertIn("Unknown sender", intake.error)
        self.assertIn("someone@unknown.example", intake.error)
        self.assertFalse(intake.order_id)
        self.assertFalse(self._orders())
        fallout = self._fallouts(intake)
        self.assertEqual(len(fallout), 1)
        self.assertEqual(fallout.step, "po_intake")
        self.assertEqual(fallout.state, "open")
        self.assertEqual(fallout.company_id, self.company)
        self.assertFalse(fallout.order_id)
        self.assertIn("Unknown sender", fallout.error)
        self.assertIn(intake.name, fallout.display_name)

    def test_fallout_retry_imports_once_the_cause_is_fixed(self):
        csv = (
            b"PO Number,Item No,Qty,Delivery Date\r\n"
            b"HMB-4713,HM-VALVE-50,8,2030-08-31\r\n"
            b"HMB-4713,HM-NEW-80,1,2030-08-31\r\n"
        )
        intake = self._receive(self._eml(csv=csv))
        fallout = self._fallouts(intake)
        self.assertEqual(fallout.state, "open")
        # Retrying before the cause is fixed counts the attempt, keeps one
        # fallout open and creates no order.
        fallout.with_user(self.oms_user).action_retry()
        self.assertEqual(self._fallouts(intake), fallout)
        self.assertEqual((fallout.state, fallout.attempts), ("open", 2))
        self.assertFalse(self._orders())
        # The back office adds the customer's new item code, then retries.
        self.env["oms.customer.product.code"].create(
            {
                "partner_id": self.customer_de.id,
                "product_id": self.product_b.id,
                "code": "HM-NEW-80",
            }
        )
        fallout.with_user(self.oms_user).action_retry()
        self.assertEqual(fallout.state, "resolved")
        self.assertEqual(intake.state, "done")
        self.assertEqual(intake.order_id, self._orders())

    @mute_logger("odoo.addons.oms_sale_import.models.oms_po_intake")
    def test_unreadable_file_is_a_fallout(self):
        intake = self._receive(self._eml(csv=b"\x00\x01\x02 binary \xff\xfe"))
        self.assertEqual(intake.state, "failed")
        self.assertIn("cannot be imported", intake.error)
        self.assertEqual(self._fallouts(intake).error, intake.error)
        self.assertFalse(self._orders())
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.buyer.id)]),
            "No half-filled order is left behind.",
        )

    def test_faulty_line_is_a_fallout_with_the_lines(self):
        csv = (
            b"PO Number,Item No,Qty,Delivery Date\r\n"
            b"HMB-4713,HM-VALVE-50,8,2030-08-31\r\n"
            b"HMB-4713,HM-NOPE,1,2030-08-31\r\n"
        )
        intake = self._receive(self._eml(csv=csv))
        self.assertEqual(intake.state, "failed")
        self.assertIn("line 3: unknown item code HM-NOPE", intake.error)
        self.assertFalse(self._orders())

    def test_same_email_twice_is_refused(self):
        first = self._receive(self._eml())
        second = self._receive(self._eml(message_id=b"po-4713-again"))
        self.assertEqual(first.state, "done")
        self.assertEqual(second.state, "failed")
        self.assertIn("already received", second.error)
        self.assertEqual(self._orders(), first.order_id)

    def test_changed_po_for_confirmed_order_is_reviewed(self):
        order = self._receive(self._eml()).order_id
        order.action_confirm()
        csv = (
            b"PO Number,Item No,Qty,Delivery Date\r\n"
            b"HMB-4713,HM-VALVE-50,12,2030-08-31\r\n"
        )
        intake = self._receive(self._eml(message_id=b"po-4713-v2", csv=csv))
        self.assertEqual(intake.state, "review")
        self.assertEqual(intake.order_id, order)
        self.assertEqual(order.order_line.product_uom_qty, 8, "Not changed yet.")
        self.assertTrue(order.activity_ids, "The salesperson is asked to review.")
        action = intake.with_user(self.oms_user).action_propose_change()
        change = self.env["oms.order.change"].browse(action["res_id"])
        self.assertEqual(change.line_ids.new_qty, 12)
        change.action_apply()
        self.assertEqual(order.order_line.product_uom_qty, 12)

    def test_intake_state_is_guarded(self):
        intake = self._receive(self._eml(sender=b"someone@unknown.example"))
        with self.assertRaises(UserError):
            intake.with_user(self.oms_user).write({"state": "done", "error": False})
        self.assertEqual(intake.state, "failed")
