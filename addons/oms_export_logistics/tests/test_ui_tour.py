# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestUiTourCifLc(OmsDocumentCommon, HttpCase):
    """A CIF order to Hamburg under a letter of credit, in the browser, from
    the shipment's creation to the bank submission, as a logistics
    coordinator works it once the warehouse packed and shipped the goods and
    accounting posted the invoice."""

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
        cls._setup_exporter_data()
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
        cls.tour_package = cls._pack_and_ship(cls.tour_order)
        cls.tour_invoice = cls.tour_order._create_invoices()
        cls.tour_invoice.action_post()

    @classmethod
    def _setup_exporter_data(cls):
        """What the exporter keeps once: codes and signatory on the company,
        8-digit ITC-HS code, origin and unit weight on the product."""
        cls.company.write(
            {
                "vat": cls.company.vat or "27AAPFU0939F1ZV",
                "oms_iec_code": cls.company.oms_iec_code or "0304012345",
                "oms_export_signatory": "R. Kulkarni",
                "oms_export_signatory_title": "Export Manager",
            }
        )
        cls.product.write(
            {
                "hs_code": "84818030",
                "country_of_origin": cls.env.ref("base.in").id,
                "weight": 12.0,
            }
        )

    @classmethod
    def _pack_and_ship(cls, order):
        """Pack the order's delivery on one pallet and validate it."""
        picking = order.picking_ids
        picking.action_assign()
        package = cls.env["stock.quant.package"].create(
            {
                "name": "HMB-TOUR-PLT1",
                "package_type_id": cls.env["stock.package.type"]
                .create(
                    {
                        "name": "Export pallet 1200 x 800",
                        "packaging_length": 1200,
                        "width": 800,
                        "height": 1000,
                        "base_weight": 25,
                    }
                )
                .id,
                "shipping_weight": 150.0,
            }
        )
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_line_ids.result_package_id = package
        picking.with_context(skip_backorder=True).button_validate()
        return package

    def test_cif_lc_tour(self):
        self.assertEqual(self.tour_order.picking_ids.state, "done")
        # "Prepare all" runs as background jobs: no job runner here, they
        # run in the request (queue_job's own switch for tests).
        with patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"}):
            self.start_tour(
                f"/odoo/action-sale.action_orders/{self.tour_order.id}",
                "oms_export_cif_lc_tour",
                login="admin",
                timeout=600,
            )
        shipment = self.env["oms.export.shipment"].search(
            [("sale_order_ids", "in", self.tour_order.ids)]
        )
        self.assertEqual(len(shipment), 1)
        self.assertEqual(shipment.letter_credit_id, self.tour_credit)
        self.assertEqual(shipment.state, "on_board")
        self.assertEqual(shipment.bl_number, "NCLHAM2611042")
        self.assertTrue(shipment.bl_date)
        self.assertTrue(shipment.loading_actual)
        self.assertEqual(shipment.package_ids, self.tour_package)
        self.assertAlmostEqual(shipment.net_weight, 120.0)
        self.assertAlmostEqual(shipment.gross_weight, 150.0)
        self.assertEqual(shipment.marks_and_numbers, "HMB / HAMBURG / 1-1")
        self.assertEqual(
            (shipment.vessel, shipment.voyage, shipment.origin_criterion),
            ("Nordsee Express", "NE-614W", "WO"),
        )
        self.assertIn(
            "insurance_certificate",
            shipment.document_ids.document_type_id.mapped("code"),
        )
        presentation = shipment.lc_presentation_ids
        self.assertEqual(len(presentation), 1)
        self.assertEqual(presentation.courier_reference, "DHL 7781 2290")
        self.assertEqual(presentation.bank_id, self.advising_bank)
        # Examined before it left: a complying presentation.
        examination = self.env["oms.lc.examination"].search(
            [("shipment_id", "=", shipment.id)]
        )
        self.assertEqual(examination.result, "compliant")
        self.assertEqual(set(shipment.document_ids.mapped("state")), {"sent"})
