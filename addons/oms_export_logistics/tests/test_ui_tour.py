# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestUiTourCifLc(OmsDocumentCommon, HttpCase):
    """A CIF order to Hamburg under a letter of credit, in the browser, from
    the shipment's creation to the bank submission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        # Demo data may make another company admin's current one.
        cls.admin.write(
            {
                "company_ids": [Command.link(cls.company.id)],
                "company_id": cls.company.id,
                "groups_id": [
                    Command.link(cls.env.ref("oms_core.group_oms_manager").id)
                ],
            }
        )
        cls.tour_order = cls._create_order(
            payment_term_id=cls.payment_30.id, incoterm_location="Hamburg"
        )
        cls.tour_order.action_confirm()
        cls.tour_credit = cls.env["oms.letter.credit"].create(
            {
                "name": "HHB-LC-TOUR-01",
                "applicant_id": cls.customer_de.id,
                "issuing_bank_id": cls.issuing_bank.id,
                "advising_bank_id": cls.advising_bank.id,
                "amount": cls.tour_order.amount_total,
                "currency_id": cls.tour_order.currency_id.id,
                "tolerance": 5.0,
                "latest_shipment_date": cls.credit.latest_shipment_date,
                "expiry_date": cls.credit.expiry_date,
                "sale_order_ids": [Command.set(cls.tour_order.ids)],
            }
        )
        cls.tour_credit.action_open()

    def test_cif_lc_tour(self):
        self.start_tour(
            f"/odoo/action-sale.action_orders/{self.tour_order.id}",
            "oms_export_cif_lc_tour",
            login="admin",
        )
        shipment = self.env["oms.export.shipment"].search(
            [("sale_order_ids", "in", self.tour_order.ids)]
        )
        self.assertEqual(len(shipment), 1)
        self.assertEqual(shipment.letter_credit_id, self.tour_credit)
        self.assertEqual(shipment.state, "on_board")
        self.assertEqual(shipment.bl_number, "NCLHAM2611042")
        self.assertTrue(shipment.loading_actual)
        self.assertIn(
            "insurance_certificate",
            shipment.document_ids.document_type_id.mapped("code"),
        )
        presentation = shipment.lc_presentation_ids
        self.assertEqual(len(presentation), 1)
        self.assertEqual(presentation.courier_reference, "DHL 7781 2290")
        self.assertEqual(presentation.bank_id, self.advising_bank)
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"sent"})
