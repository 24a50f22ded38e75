# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 9, section 2 (export) and the LC expiry of section 4: shipment,
document, letter of credit and bank submission states move only through
their transitions. Each attack is made as a hostile non-admin OMS user or
manager, the way a JSON-RPC client would (plain write/create/unlink or a
public method), and leaves the data unchanged."""

from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import Command, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.oms_core.tests.common import worker_env
from odoo.addons.oms_export_logistics.tests.common import walk_shipment_to
from odoo.addons.oms_export_logistics.tests.doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestExportStateAttacks(OmsDocumentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipment = cls._create_shipment(
            letter_credit_id=cls.credit.id,
            bank_id=cls.advising_bank.id,
            bl_number="MSCUHH0099",
            bl_date=cls.today - timedelta(days=2),
        )

    def _snapshot(self, records, fnames):
        records.invalidate_recordset()
        return records.read(fnames)

    def _presentations(self, shipment=None):
        return self.env["oms.lc.presentation"].search(
            [("shipment_id", "=", (shipment or self.shipment).id)]
        )

    def test_user_walks_the_pipeline_by_its_buttons(self):
        """The transitions themselves work for a plain OMS user."""
        shipment = self.shipment.with_user(self.oms_user)
        shipment.action_prepare_documents()
        shipment.action_verify_documents()
        for action in (
            "action_book",
            "action_start_loading",
            "action_customs_cleared",
            "action_on_board",
        ):
            getattr(shipment, action)()
        self.assertEqual(self.shipment.state, "on_board")
        self.assertTrue(self.shipment.date_on_board)
        action = shipment.action_submit_to_bank()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.oms_user)
            .with_context(**action["context"])
            .create({"courier_reference": "DHL 42"})
        )
        wizard.action_submit()
        presentation = self._presentations().with_user(self.oms_user)
        self.assertEqual(presentation.create_uid, self.oms_user)
        presentation.action_accept()
        presentation.action_paid()
        self.assertEqual(presentation.state, "paid")
        self.assertEqual(self.credit.state, "utilised")
        self.assertIn("On Board", " ".join(self.shipment.message_ids.mapped("body")))

    # Shipment status and its gate

    def test_user_writes_on_board_or_delivered_skipping_checklist(self):
        fnames = ["state", "date_on_board", "date_delivered"]
        before = self._snapshot(self.shipment, fnames)
        for user in (self.oms_user, self.oms_manager):
            for state in ("on_board", "in_transit", "delivered"):
                with (
                    self.subTest(user=user.login, state=state),
                    self.assertRaises(UserError),
                ):
                    self.shipment.with_user(user).write({"state": state})
        self.assertEqual(self._snapshot(self.shipment, fnames), before)
        self.assertEqual(self.shipment.state, "planned")

    def test_user_creates_shipment_already_delivered(self):
        Shipment = self.env["oms.export.shipment"].with_user(self.oms_user)
        count = Shipment.search_count([])
        for vals in (
            {"state": "delivered"},
            {"state": "on_board", "date_on_board": fields.Datetime.now()},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Shipment.create(
                    {
                        "partner_id": self.customer_de.id,
                        "incoterm_id": self.incoterm_cif.id,
                        "incoterm_place": "Hamburg",
                        **vals,
                    }
                )
        self.assertEqual(Shipment.search_count([]), count)

    def test_user_presses_a_later_button_skipping_states(self):
        shipment = self.shipment.with_user(self.oms_user)
        for action in ("action_on_board", "action_in_transit", "action_delivered"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(shipment, action)()
        self.assertEqual(self.shipment.state, "planned")
        self.assertFalse(self.shipment.date_on_board)

    def test_user_goes_on_board_without_the_checklist(self):
        walk_shipment_to(self.shipment, "customs_cleared")
        with self.assertRaisesRegex(UserError, "not verified"):
            self.shipment.with_user(self.oms_user).action_on_board()
        self.assertEqual(self.shipment.state, "customs_cleared")
        self.assertFalse(self.shipment.date_on_board)

    def test_user_forces_status_dates(self):
        fnames = ["date_on_board", "date_delivered", "dispatch_date"]
        before = self._snapshot(self.shipment, fnames)
        now = fields.Datetime.now()
        for vals in (
            {"date_on_board": now},
            {"date_delivered": now},
            {"dispatch_date": self.today},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.shipment.with_user(self.oms_manager).write(vals)
        self.assertEqual(self._snapshot(self.shipment, fnames), before)

    def test_user_forces_shipment_reference(self):
        name = self.shipment.name
        with self.assertRaises(UserError):
            self.shipment.with_user(self.oms_manager).write({"name": "EXP/FAKE"})
        self.assertEqual(self._snapshot(self.shipment, ["name"])[0]["name"], name)
        Shipment = self.env["oms.export.shipment"].with_user(self.oms_user)
        count = Shipment.search_count([])
        with self.assertRaises(UserError):
            Shipment.create({"name": name + "-2", "partner_id": self.customer_de.id})
        self.assertEqual(Shipment.search_count([]), count)
        # Writing the same reference back is not a change.
        self.shipment.with_user(self.oms_user).write({"name": name})

    def test_user_forces_document_checklist(self):
        documents = self.shipment.document_ids
        self.assertTrue(documents)
        fnames = ["state", "mandatory", "verified_by_id", "shipment_id"]
        before = self._snapshot(documents, fnames)
        other = self._create_shipment()
        attacks = [
            {"state": "verified"},
            {"state": "sent"},
            {"mandatory": False},
            {"verified_by_id": self.oms_user.id},
            {"shipment_id": other.id},
        ]
        for vals in attacks:
            with self.subTest(vals=vals), self.assertRaises(UserError):
                documents.with_user(self.oms_user).write(vals)
        self.assertEqual(self._snapshot(documents, fnames), before)

    def test_user_links_order_to_another_company_shipment(self):
        company_b = self.env["res.company"].create({"name": "OMS Export B"})
        self.oms_user.company_ids |= company_b
        shipment_b = self._create_shipment(
            orders=self.env["sale.order"], company_id=company_b.id
        )
        order = self.order.with_user(self.oms_user).with_context(
            allowed_company_ids=[self.company.id, company_b.id]
        )
        # Odoo's assertRaises rolls the savepoint back (assertRaisesRegex
        # does not): what the database holds is then checked.
        with self.assertRaises(UserError) as error:
            order.write({"oms_export_shipment_ids": [Command.link(shipment_b.id)]})
        self.assertIn("Incompatible companies", str(error.exception))
        shipment_b.invalidate_recordset()
        self.assertFalse(shipment_b.sale_order_ids)

    # Letter of credit

    def test_credit_applicant_of_another_company_refused(self):
        company_b = self.env["res.company"].create({"name": "OMS Export B"})
        self.oms_user.company_ids |= company_b
        applicant_b = self.env["res.partner"].create(
            {"name": "Company B's buyer", "company_id": company_b.id}
        )
        credit = self.credit.with_user(self.oms_user).with_context(
            allowed_company_ids=[self.company.id, company_b.id]
        )
        for fname in ("applicant_id", "issuing_bank_id", "advising_bank_id"):
            with self.subTest(field=fname), self.assertRaises(UserError) as error:
                credit.write({fname: applicant_b.id})
            self.assertIn("Incompatible companies", str(error.exception))
        self.credit.invalidate_recordset()
        self.assertNotEqual(self.credit.applicant_id, applicant_b)

    def test_user_forces_credit_utilised(self):
        for state in ("utilised", "draft", "closed"):
            with self.subTest(state=state), self.assertRaises(UserError):
                self.credit.with_user(self.oms_manager).write({"state": state})
        self.assertEqual(self._snapshot(self.credit, ["state"])[0]["state"], "open")

    def test_credit_expiry_emptied(self):
        with self.assertRaisesRegex(ValidationError, "expiry date"):
            self.credit.with_user(self.oms_manager).write({"expiry_date": False})
        self.assertTrue(self._snapshot(self.credit, ["expiry_date"])[0]["expiry_date"])

    # Bank submissions

    def test_present_same_shipment_twice(self):
        self._put_on_board(self.shipment)
        shipment = self.shipment.with_user(self.oms_user)
        shipment._submit_to_bank("DHL 1")
        self.assertEqual(len(self._presentations()), 1)
        for _attempt in range(2):
            with self.assertRaisesRegex(UserError, "already presented"):
                shipment._submit_to_bank("DHL 2")
        self.assertEqual(len(self._presentations()), 1)
        self.assertAlmostEqual(
            self.credit.amount_presented, self._presentations().amount
        )

    def test_user_creates_presentation_directly(self):
        self._put_on_board(self.shipment)
        Presentation = self.env["oms.lc.presentation"].with_user(self.oms_user)
        with self.assertRaises(UserError):
            Presentation.create(
                {
                    "letter_credit_id": self.credit.id,
                    "shipment_id": self.shipment.id,
                    "bank_id": self.advising_bank.id,
                    "amount": self.credit.amount,
                }
            )
        self.assertFalse(self._presentations())

    def test_present_before_on_board(self):
        self._ready_all(self.shipment)
        walk_shipment_to(self.shipment, "customs_cleared")
        shipment = self.shipment.with_user(self.oms_user)
        with self.assertRaisesRegex(UserError, "not on board"):
            shipment.action_submit_to_bank()
        wizard = (
            self.env["oms.lc.presentation.submit"]
            .with_user(self.oms_user)
            .create({"shipment_id": self.shipment.id, "courier_reference": "DHL"})
        )
        with self.assertRaisesRegex(UserError, "not on board"):
            wizard.action_submit()
        self.assertFalse(self._presentations())
        self.assertFalse(
            self.shipment.document_ids.filtered(lambda d: d.state == "sent")
        )

    def test_present_with_sent_date_after_expiry(self):
        # Today the credit is still valid, the parcel leaves after expiry.
        self.credit.write(
            {
                "latest_shipment_date": self.today,
                "expiry_date": self.today + timedelta(days=3),
            }
        )
        self._put_on_board(self.shipment)
        # An expiry on a bank holiday moves to the next banking day (UCP 600
        # art. 29 a): the parcel leaves the day after that one, whatever
        # weekday the test runs on.
        sent_date = self.credit._get_next_banking_day(
            self.credit.expiry_date
        ) + timedelta(days=1)
        with self.assertRaisesRegex(UserError, "expired"):
            self.shipment.with_user(self.oms_user)._submit_to_bank(
                "DHL", sent_date=sent_date
            )
        self.assertFalse(self._presentations())

    def test_present_backdated_after_expiry(self):
        # The credit expired yesterday; the sent date claims the day before.
        self.credit.write(
            {
                "latest_shipment_date": self.today - timedelta(days=2),
                "expiry_date": self.today - timedelta(days=1),
            }
        )
        self._put_on_board(self.shipment)
        with self.assertRaisesRegex(UserError, "expired"):
            self.shipment.with_user(self.oms_user)._submit_to_bank(
                "DHL", sent_date=self.today - timedelta(days=1)
            )
        self.assertFalse(self._presentations())

    def test_present_after_the_deadline_judged_on_sent_date(self):
        self._put_on_board(self.shipment)
        deadline = self.credit._get_presentation_deadline(self.shipment.bl_date)
        late = deadline + timedelta(days=1)
        with self.assertRaisesRegex(UserError, "presentation deadline"):
            self.shipment.with_user(self.oms_user)._submit_to_bank(
                "DHL", sent_date=late
            )
        self.assertFalse(self._presentations())

    def test_paid_pressed_twice(self):
        self._put_on_board(self.shipment)
        presentation = self.shipment._submit_to_bank("DHL 1")
        presentation.with_user(self.oms_user).action_accept()
        presentation.with_user(self.oms_user).action_paid()
        before = self._snapshot(presentation, ["state", "paid_date"])
        for action in ("action_paid", "action_accept"):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(presentation.with_user(self.oms_user), action)()
        self.assertEqual(self._snapshot(presentation, ["state", "paid_date"]), before)
        self.assertEqual(self.credit.state, "utilised")

    def test_user_forces_presentation_fields(self):
        self._put_on_board(self.shipment)
        presentation = self.shipment._submit_to_bank("DHL 1")
        fnames = ["state", "amount", "sent_date", "paid_date", "shipment_id"]
        before = self._snapshot(presentation, fnames)
        attacks = [
            {"state": "paid"},
            {"amount": presentation.amount * 4},
            {"sent_date": self.today - timedelta(days=30)},
            {"paid_date": self.today},
            {"shipment_id": self._create_shipment().id},
        ]
        for vals in attacks:
            with self.subTest(vals=vals), self.assertRaises(UserError):
                presentation.with_user(self.oms_manager).write(vals)
        self.assertEqual(self._snapshot(presentation, fnames), before)
        self.assertEqual(self.credit.state, "open")

    # Deletion

    def test_manager_unlinks_shipment_credit_presentation(self):
        self._put_on_board(self.shipment)
        presentation = self.shipment._submit_to_bank("DHL 1")
        for records in (presentation, self.shipment, self.credit):
            # UserError from the ondelete, or AccessError (a UserError) from
            # the access rights.
            with self.subTest(model=records._name), self.assertRaises(UserError):
                records.with_user(self.oms_manager).unlink()
            self.assertTrue(records.exists())
        self.assertTrue(self.shipment.document_ids)

    def test_manager_unlinks_travelled_leg(self):
        leg = self.shipment.leg_ids[:1]
        leg.actual_departure = fields.Datetime.now()
        with self.assertRaises(UserError):
            leg.with_user(self.oms_manager).unlink()
        self.assertTrue(leg.exists())


@tagged("post_install", "-at_install")
class TestExportSubmissionConcurrency(TransactionCase):
    """Two users submitting the same shipment to the bank at once record one
    presentation. Workers use their own connections: the shipment they share
    is created and committed outside the test transaction, then removed."""

    def _worker(self, uid=None):
        return worker_env(
            self.env.cr.dbname,
            uid or api.SUPERUSER_ID,
            {"allowed_company_ids": [self.company_id]},
        )

    def setUp(self):
        super().setUp()
        self.company_id = self.env.ref("base.main_company").id
        # An OMS manager who is not the superuser (oms_core's groups data).
        self.user = self.env.ref("base.user_admin")
        self.assertIn(self.company_id, self.user.company_ids.ids)

    def _setup_committed(self):
        today = fields.Date.today()
        with self._worker() as env:
            partner = env["res.partner"].create({"name": "OMS LC race customer"})
            bank = env["res.partner"].create(
                {"name": "OMS LC race bank", "email": "race@bank.example.com"}
            )
            product = env["product.product"].create(
                {"name": "OMS LC race service", "type": "service", "list_price": 100}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 2})
                    ],
                }
            )
            order.action_confirm()
            credit = env["oms.letter.credit"].create(
                {
                    "name": "OMS-LC-RACE",
                    "company_id": self.company_id,
                    "applicant_id": partner.id,
                    "issuing_bank_id": bank.id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "latest_shipment_date": today + timedelta(days=10),
                    "expiry_date": today + timedelta(days=30),
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
            credit.action_open()
            shipment = env["oms.export.shipment"].create(
                {
                    "company_id": self.company_id,
                    "partner_id": partner.id,
                    "sale_order_ids": [Command.set(order.ids)],
                    "incoterm_id": env.ref("account.incoterm_CIF").id,
                    "incoterm_place": "Hamburg",
                    "letter_credit_id": credit.id,
                    "bank_id": bank.id,
                    "bl_number": "RACE0001",
                    "bl_date": today - timedelta(days=1),
                }
            )
            # Fixture only: the superuser puts the goods on board with a
            # complete checklist without rendering every PDF.
            shipment.document_ids.write({"state": "verified"})
            shipment.write(
                {"state": "on_board", "date_on_board": fields.Datetime.now()}
            )
            env.cr.commit()  # a separate connection: workers must see it
            return {
                "partner": partner.id,
                "bank": bank.id,
                "product": product.id,
                "order": order.id,
                "credit": credit.id,
                "shipment": shipment.id,
            }

    def _cleanup(self, ids):
        with self._worker() as env:
            shipment = env["oms.export.shipment"].browse(ids["shipment"])
            env["oms.lc.presentation"].search(
                [("shipment_id", "=", shipment.id)]
            ).unlink()
            env["oms.lc.examination"].search(
                [("shipment_id", "=", shipment.id)]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", shipment._name), ("res_id", "=", shipment.id)]
            ).unlink()
            shipment.unlink()
            env["oms.letter.credit"].browse(ids["credit"]).unlink()
            order = env["sale.order"].browse(ids["order"])
            order._action_cancel()
            order.unlink()
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse([ids["partner"], ids["bank"]]).unlink()
            env.cr.commit()  # our own connection: undo what we committed

    def _presentation_count(self, shipment_id):
        with self._worker() as env:
            return env["oms.lc.presentation"].search_count(
                [("shipment_id", "=", shipment_id)]
            )

    def test_two_users_submit_the_same_shipment(self):
        ids = self._setup_committed()
        try:
            with (
                self._worker(self.user.id) as env_a,
                self._worker(self.user.id) as env_b,
            ):
                shipment_a = env_a["oms.export.shipment"].browse(ids["shipment"])
                shipment_b = env_b["oms.export.shipment"].browse(ids["shipment"])
                # B opened the shipment before A submitted: no presentation.
                self.assertFalse(shipment_b.lc_presentation_ids)
                shipment_a._submit_to_bank("DHL A")
                env_a.cr.commit()
                # B presses the button on its stale view: it cannot lock the
                # credit A changed, and PostgreSQL refuses to serialize it.
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(SerializationFailure),
                ):
                    shipment_b._submit_to_bank("DHL B")
                env_b.cr.rollback()
            # B's request retried (a new transaction) sees A's presentation.
            with self._worker(self.user.id) as env_b:
                with self.assertRaisesRegex(UserError, "already presented"):
                    env_b["oms.export.shipment"].browse(
                        ids["shipment"]
                    )._submit_to_bank("DHL B")
                env_b.cr.rollback()
            self.assertEqual(self._presentation_count(ids["shipment"]), 1)
        finally:
            self._cleanup(ids)
