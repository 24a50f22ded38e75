# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.oms_export_logistics.tests.common import complete_document_data

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestL10nInExport(TransactionCase):
    """An exporter on the Indian chart: port codes, the shipping bill on
    the invoices, exports zero-rated under LUT or on payment of IGST."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.rule"].search([]).active = False
        cls.company = cls.env["res.company"].create(
            {
                "name": "Test Indian Exporter",
                "country_id": cls.env.ref("base.in").id,
                "state_id": cls.env.ref("base.state_in_mh").id,
                "currency_id": cls.env.ref("base.INR").id,
                "vat": "27AAPFU0939F1ZV",
                "oms_iec_code": "0304012345",
            }
        )
        cls.env.user.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id],
                tracking_disable=True,
            )
        )
        cls.env["account.chart.template"].try_loading(
            "in", cls.company, install_demo=False
        )
        cls.chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.gst_18 = cls.chart.ref("sgst_sale_18")
        cls.fp_export = cls.chart.ref("fiscal_position_in_export_sez_in")
        cls.fp_lut = cls.chart.ref("fiscal_position_in_lut_sez")
        cls.customer_us = cls.env["res.partner"].create(
            {
                "name": "Cleveland Flow Controls Inc",
                "country_id": cls.env.ref("base.us").id,
                "state_id": cls.env.ref("base.state_us_36").id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Gate Valve DN80",
                "type": "consu",
                "list_price": 1000.0,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.gst_18.ids)],
            }
        )
        cls.nhava_sheva = cls.env.ref("oms_export_logistics.oms_port_innsa")
        cls.hamburg = cls.env.ref("oms_export_logistics.oms_port_deham")
        cls.oms_user = new_test_user(
            cls.env,
            login="oms_in_user",
            groups="oms_core.group_oms_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.salesman = new_test_user(
            cls.env,
            login="oms_in_salesman",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def _confirmed_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer_us.id,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 2}
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def _shipment(self, orders):
        return self.env["oms.export.shipment"].create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer_us.id,
                "sale_order_ids": [Command.set(orders.ids)],
                "port_loading_id": self.nhava_sheva.id,
                "port_discharge_id": self.hamburg.id,
            }
        )

    def test_indian_port_code_of_port(self):
        self.assertEqual(self.nhava_sheva.l10n_in_port_code_id.code, "INNSA1")
        shipment = self._shipment(self._confirmed_order())
        self.assertEqual(shipment.l10n_in_port_code_id.code, "INNSA1")
        self.assertEqual(shipment.port_loading, "INNSA (Nhava Sheva)")
        with self.assertRaises(ValidationError):
            self.hamburg.l10n_in_port_code_id = self.env.ref("l10n_in.port_code_inmun1")

    def test_install_gives_existing_shipments_their_port_code(self):
        shipment = self._shipment(self._confirmed_order())
        shipment.l10n_in_port_code_id = False
        post_init_hook(self.env)
        self.assertEqual(shipment.l10n_in_port_code_id.code, "INNSA1")

    def test_shipping_bill_on_invoices(self):
        posted_order, draft_order, later_order = (
            self._confirmed_order() for _i in range(3)
        )
        posted = posted_order._create_invoices()
        posted.action_post()
        draft = draft_order._create_invoices()
        shipment = self._shipment(posted_order | draft_order | later_order)
        # The coordinator records what the CHA reports.
        shipment.with_user(self.oms_user).write(
            {
                "l10n_in_shipping_bill_number": "4567890",
                "l10n_in_shipping_bill_date": date(2026, 11, 20),
            }
        )
        later = later_order._create_invoices()
        for invoice in posted | draft | later:
            self.assertEqual(invoice.l10n_in_shipping_bill_number, "4567890")
            self.assertEqual(invoice.l10n_in_shipping_bill_date, date(2026, 11, 20))
            self.assertEqual(invoice.l10n_in_shipping_port_code_id.code, "INNSA1")
        self.assertEqual(posted.state, "posted")
        # A port of loading chosen afterwards follows on the invoices.
        shipment.port_loading_id = self.env.ref("oms_export_logistics.oms_port_inmun")
        self.assertEqual(posted.l10n_in_shipping_port_code_id.code, "INMUN1")
        # A salesman reads shipments but may not report the shipping bill.
        with self.assertRaises(AccessError):
            shipment.with_user(self.salesman).write(
                {"l10n_in_shipping_bill_number": "forged"}
            )
        self.assertEqual(shipment.l10n_in_shipping_bill_number, "4567890")
        self.assertEqual(posted.l10n_in_shipping_bill_number, "4567890")

    def test_export_under_lut_is_zero_rated(self):
        self.assertEqual(self.company.oms_l10n_in_export_supply, "lut")
        order = self._confirmed_order()
        self.assertEqual(order.fiscal_position_id, self.fp_lut)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.l10n_in_gst_treatment, "overseas")
        self.assertEqual(invoice.fiscal_position_id, self.fp_lut)
        self.assertEqual(
            invoice.invoice_line_ids.tax_ids, self.chart.ref("igst_sale_18_sez_exp_lut")
        )
        # Zero-rated: the customer pays no tax.
        self.assertEqual(invoice.amount_total, invoice.amount_untaxed)
        self.assertTrue(invoice.amount_untaxed)

    def test_export_on_payment_of_igst(self):
        self.company.oms_l10n_in_export_supply = "igst"
        order = self._confirmed_order()
        self.assertEqual(order.fiscal_position_id, self.fp_export)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.fiscal_position_id, self.fp_export)
        self.assertEqual(
            invoice.invoice_line_ids.tax_ids, self.chart.ref("igst_sale_18_sez_exp")
        )
        # IGST is paid to the government and claimed back, not charged.
        self.assertEqual(invoice.amount_total, invoice.amount_untaxed)
        balances = invoice.line_ids.filtered("tax_line_id").mapped("balance")
        self.assertEqual(len(balances), 2)
        self.assertAlmostEqual(sum(balances), 0.0)
        self.assertAlmostEqual(
            max(balances), abs(invoice.amount_untaxed_signed) * 0.18, places=2
        )

    def test_invoice_without_order_follows_the_setting(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_us.id,
                "company_id": self.company.id,
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "quantity": 1})
                ],
            }
        )
        self.assertEqual(invoice.fiscal_position_id, self.fp_lut)

    def test_other_company_untouched(self):
        """A company outside India keeps Odoo's own positions and invoices."""
        other = self.env.ref("base.main_company")
        self.assertEqual(other._oms_l10n_in_export_positions(), (None, None))

    def test_documents_print_shipping_bill_and_supply(self):
        order = self._confirmed_order()
        order._create_invoices().action_post()
        shipment = self._shipment(order)
        complete_document_data(shipment)
        self.company.oms_lut_number = "AD270326001234X"
        shipment.write(
            {
                "l10n_in_shipping_bill_number": "4567890",
                "l10n_in_shipping_bill_date": date(2026, 11, 20),
            }
        )
        report = "oms_export_logistics.action_report_commercial_invoice"
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html(report, shipment.ids)[0].decode()
        for text in ("GSTIN", "27AAPFU0939F1ZV", "IEC", "0304012345"):
            self.assertIn(text, html)
        self.assertIn("4567890", html)
        self.assertIn("port code <span>INNSA1</span>", html)
        self.assertIn("without payment of IGST", html)
        self.company.oms_l10n_in_export_supply = "igst"
        html = Report._render_qweb_html(report, shipment.ids)[0].decode()
        self.assertNotIn("without payment of IGST", html)
        self.assertNotIn("AD270326001234X", html)
        self.assertIn("Supply meant for export on payment of IGST.", html)
