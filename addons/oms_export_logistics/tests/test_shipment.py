# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OmsExportCommon, walk_shipment_to


@tagged("post_install", "-at_install")
class TestShipment(OmsExportCommon):
    def test_sea_only_term_refused_on_air(self):
        Shipment = self.env["oms.export.shipment"]
        count = Shipment.search_count([])
        with self.assertRaises(ValidationError) as error:
            self._create_shipment(mode="air")
        self.assertIn("sea and inland waterway", str(error.exception))
        self.assertEqual(Shipment.search_count([]), count, "nothing created")
        shipment = self._create_shipment()
        with self.assertRaises(ValidationError):
            shipment.mode = "air"
        shipment.invalidate_recordset()
        self.assertEqual(shipment.mode, "sea")
        # Non-sea terms are fine by air.
        shipment.write({"incoterm_id": self._incoterm("CIP").id, "mode": "air"})
        self.assertEqual(shipment.mode, "air")
        with self.assertRaises(ValidationError):
            shipment.incoterm_id = self._incoterm("FOB")

    def test_dates_out_of_order_refused(self):
        Shipment = self.env["oms.export.shipment"]
        count = Shipment.search_count([])
        with self.assertRaises(ValidationError) as error:
            self._create_shipment(eta=self.etd - timedelta(days=1))
        self.assertIn("ETA cannot be before", str(error.exception))
        self.assertEqual(Shipment.search_count([]), count, "nothing created")
        shipment = self._create_shipment()
        with self.assertRaises(ValidationError) as error:
            shipment.etd = self.cutoff - timedelta(hours=1)
        self.assertIn("ETD cannot be before", str(error.exception))
        shipment.invalidate_recordset()
        self.assertEqual(shipment.etd, self.etd)

    def test_named_place_required_at_booking(self):
        shipment = self._create_shipment(incoterm_place=False)
        with self.assertRaisesRegex(UserError, "named place"):
            shipment.action_book()
        self.assertEqual(shipment.state, "planned")
        self.assertFalse(shipment.date_booked)
        shipment.incoterm_place = "Hamburg"
        shipment.action_book()
        self.assertEqual(shipment.state, "booked")
        with self.assertRaises(ValidationError):
            shipment.incoterm_place = False

    def test_status_pipeline_timestamps(self):
        shipment = self._create_shipment()
        for action, state, stamp in (
            ("action_book", "booked", "date_booked"),
            ("action_start_loading", "loading", "date_loading"),
            ("action_customs_cleared", "customs_cleared", "date_customs_cleared"),
            ("action_on_board", "on_board", "date_on_board"),
            ("action_in_transit", "in_transit", "date_in_transit"),
            ("action_delivered", "delivered", "date_delivered"),
        ):
            getattr(shipment, action)()
            self.assertEqual(shipment.state, state)
            self.assertTrue(shipment[stamp], stamp)
        self.assertTrue(shipment.loading_actual, "loading starts the clock")
        with self.assertRaisesRegex(UserError, "delivered or cancelled"):
            shipment.action_cancel()

    def test_pipeline_cannot_go_back(self):
        shipment = self._create_shipment()
        walk_shipment_to(shipment, "on_board")
        with self.assertRaisesRegex(UserError, "cannot go back"):
            shipment.action_book()
        shipment.action_cancel()
        self.assertEqual(shipment.state, "cancelled")
        self.assertTrue(shipment.date_cancelled)

    def test_pipeline_cannot_skip_a_status(self):
        shipment = self._create_shipment()
        for action in ("action_start_loading", "action_on_board", "action_delivered"):
            with self.assertRaisesRegex(UserError, "cannot skip"):
                getattr(shipment, action)()
        self.assertEqual(shipment.state, "planned")
        self.assertFalse(shipment.date_on_board or shipment.date_delivered)

    def test_legs_planned_by_matrix(self):
        shipment = self._create_shipment()
        legs = shipment.leg_ids
        self.assertEqual(legs.mapped("leg_type"), ["pre_carriage", "main_carriage"])
        main = legs.filtered(lambda leg: leg.leg_type == "main_carriage")
        self.assertEqual(main.arranged_by, "seller")
        self.assertEqual(main.partner_id, self.shipping_line)
        self.assertEqual((main.location_from, main.location_to), ("INNSA", "DEHAM"))
        self.assertEqual(main.planned_departure, self.etd)
        self.assertEqual(main.planned_arrival, self.eta)
        pre = legs.filtered(lambda leg: leg.leg_type == "pre_carriage")
        self.assertEqual(pre.partner_id, self.transporter)
        # Idempotent.
        shipment.action_plan_legs()
        self.assertEqual(len(shipment.leg_ids), 2)
        # DAP adds the on-carriage; FOB leaves the main carriage to the buyer.
        dap = self._create_shipment(incoterm_id=self._incoterm("DAP").id)
        self.assertEqual(
            dap.leg_ids.mapped("leg_type"),
            ["pre_carriage", "main_carriage", "on_carriage"],
        )
        fob = self._create_shipment(incoterm_id=self._incoterm("FOB").id)
        fob_main = fob.leg_ids.filtered(lambda leg: leg.leg_type == "main_carriage")
        self.assertEqual(fob_main.arranged_by, "buyer")
        self.assertFalse(fob_main.partner_id)

    def test_leg_dates_in_order(self):
        shipment = self._create_shipment()
        with self.assertRaises(ValidationError):
            shipment.leg_ids[0].write(
                {
                    "actual_departure": self.etd,
                    "actual_arrival": self.etd - timedelta(hours=2),
                }
            )

    def test_create_from_orders(self):
        order_a = self._create_order(incoterm_location="Hamburg")
        order_b = self._create_order(incoterm_location="Hamburg")
        (order_a | order_b).action_confirm()
        action = order_a.action_oms_create_export_shipment()
        self.assertEqual(action["res_model"], "oms.export.shipment.create")
        wizard_form = Form(
            self.env["oms.export.shipment.create"].with_context(
                default_sale_order_ids=(order_a | order_b).ids
            )
        )
        wizard_form.port_loading = "INNSA"
        wizard_form.port_discharge = "DEHAM"
        wizard = wizard_form.save()
        result = wizard.action_create_shipment()
        shipment = self.env["oms.export.shipment"].browse(result["res_id"])
        self.assertEqual(shipment.sale_order_ids, order_a | order_b)
        self.assertEqual(
            shipment.picking_ids, order_a.picking_ids | order_b.picking_ids
        )
        self.assertEqual(shipment.incoterm_id, self.incoterm_cif)
        self.assertEqual(shipment.incoterm_place, "Hamburg")
        self.assertEqual(shipment.partner_id, self.customer_de)
        self.assertEqual(order_a.oms_export_shipment_count, 1)
        self.assertEqual(order_a.picking_ids.oms_export_shipment_count, 1)
        self.assertEqual(
            order_a.action_oms_view_export_shipments()["res_id"], shipment.id
        )

    def test_create_from_incompatible_orders(self):
        order_de = self._create_order()
        order_fob = self._create_order(incoterm=self._incoterm("FOB").id)
        order_in = self._create_order(partner=self.customer_in)
        (order_de | order_fob | order_in).action_confirm()
        count = self.env["oms.export.shipment"].search_count([])
        with self.assertRaisesRegex(UserError, "same customer"):
            (order_de | order_in).action_oms_create_export_shipment()
        with self.assertRaisesRegex(UserError, "same incoterm"):
            self.env["oms.export.shipment"]._oms_create_from_orders(
                order_de | order_fob
            )
        self.assertEqual(self.env["oms.export.shipment"].search_count([]), count)
        draft = self._create_order()
        with self.assertRaisesRegex(UserError, "not confirmed"):
            self.env["oms.export.shipment"]._oms_create_from_orders(draft)

    def test_dispatch_confirmation(self):
        order = self._create_order(incoterm_location="Hamburg")
        order.action_confirm()
        today = fields.Date.context_today(order)
        cutoff = fields.Datetime.add(fields.Datetime.now(), days=10)
        shipment = self.env["oms.export.shipment"]._oms_create_from_orders(
            order, date_cutoff=cutoff
        )
        dispatch_day = today + timedelta(days=5)
        wizard = (
            self.env["oms.export.shipment.dispatch"]
            .with_context(default_shipment_id=shipment.id)
            .create(
                {
                    "dispatch_date": dispatch_day,
                    "logistics_provider_id": self.transporter.id,
                    "note": "Plant confirmed two trucks",
                }
            )
        )
        wizard.action_confirm_dispatch()
        self.assertEqual(shipment.dispatch_date, dispatch_day)
        self.assertEqual(shipment.logistics_provider_id, self.transporter)
        self.assertTrue(shipment.dispatch_confirmed_on)
        self.assertEqual(order.oms_dispatch_date, dispatch_day)
        self.assertEqual(order.oms_stage, "scheduled")
        self.assertEqual(
            order.picking_ids.scheduled_date.date(), dispatch_day, "deliveries moved"
        )
        self.assertIn("Dispatch confirmed", shipment.message_ids[0].body)
        # After the cut-off: refused, nothing changes.
        with self.assertRaisesRegex(UserError, "after the cut-off"):
            shipment._oms_confirm_dispatch(today + timedelta(days=11), self.transporter)
        self.assertEqual(shipment.dispatch_date, dispatch_day)

    def test_form_and_booking_generates_tasks(self):
        with Form(self.env["oms.export.shipment"]) as shipment_form:
            shipment_form.partner_id = self.customer_de
            shipment_form.incoterm_id = self._incoterm("DAP")
            shipment_form.incoterm_place = "Hamburg, Am Sandtorkai 1"
            shipment_form.mode = "road"
            shipment_form.cha_id = self.cha
            shipment_form.transporter_id = self.transporter
            shipment_form.date_cutoff = self.cutoff
            shipment_form.etd = self.etd
            shipment_form.eta = self.eta
        shipment = shipment_form.record
        self.assertTrue(shipment.name.startswith("EXP/"))
        self.assertEqual(len(shipment.leg_ids), 3)
        self.assertIn("disposal", shipment.risk_transfer_point)
        self.assertFalse(shipment.task_ids)
        shipment.action_book()
        self.assertTrue(shipment.task_ids, "booking generates the tasks")
        self.assertEqual(shipment.task_count, len(shipment.task_ids))

    def test_create_from_delivery(self):
        order = self._create_order(incoterm_location="Hamburg")
        order.action_confirm()
        picking = order.picking_ids
        action = picking.action_oms_create_export_shipment()
        self.assertEqual(action["context"]["default_picking_ids"], picking.ids)
        wizard = (
            self.env["oms.export.shipment.create"]
            .with_context(**action["context"])
            .create({"mode": "sea"})
        )
        self.assertEqual(wizard.picking_ids, picking)
        result = wizard.action_create_shipment()
        shipment = self.env["oms.export.shipment"].browse(result["res_id"])
        self.assertEqual(picking.oms_export_shipment_ids, shipment)
        self.assertEqual(
            picking.action_oms_view_export_shipments()["res_id"], shipment.id
        )
