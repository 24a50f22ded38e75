# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestSourcing(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers_location = cls.env.ref("stock.stock_location_customers")
        cls.route_make = cls._create_route("OMS test: make for the order")
        cls.route_stock = cls._create_route("OMS test: ship from stock")
        cls.strategy = cls.env["oms.fulfilment.strategy"].create(
            {
                "name": "Test make to order",
                "code": "TEST-MTO",
                "route_id": cls.route_make.id,
                "fallback_route_id": cls.route_stock.id,
                "max_pd_ratio": 1.0,
                "default_production_lead_days": 10,
            }
        )
        cls.digital = cls.env["oms.fulfilment.strategy"].create(
            {"name": "Test digital", "code": "TEST-DIGITAL", "skip_procurement": True}
        )
        cls.made_product = cls._create_product(
            "Custom Gearbox", 900.0, oms_strategy_id=cls.strategy.id
        )
        cls._add_stock(cls.made_product, 1000)
        cls.short_product = cls._create_product(
            "Turbine Blade", 300.0, oms_production_lead_days=10
        )
        cls._add_stock(cls.short_product, 5)
        cls.patient_customer = cls.env["res.partner"].create(
            {"name": "Patient Buyer", "oms_demand_lead_days": 20}
        )
        cls.hurried_customer = cls.env["res.partner"].create(
            {"name": "Hurried Buyer", "oms_demand_lead_days": 5}
        )

    @classmethod
    def _create_route(cls, name):
        route = cls.env["stock.route"].create(
            {"name": name, "sale_selectable": True, "company_id": False}
        )
        cls.env["stock.rule"].create(
            {
                "name": name,
                "route_id": route.id,
                "action": "pull",
                "procure_method": "make_to_stock",
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_src_id": cls.stock_location.id,
                "location_dest_id": cls.customers_location.id,
                "company_id": cls.company.id,
            }
        )
        return route

    def _order_date(self, order):
        return fields.Date.context_today(order, order.date_order)

    # Available to promise and promised date

    def test_strategy_proposes_production_lead_time(self):
        self.assertEqual(self.made_product.oms_production_lead_days, 10)
        order = self._create_order(lines=[(self.made_product, 1)])
        self.assertEqual(order.order_line.oms_production_lead_days, 10)

    def test_promise_when_stock_covers(self):
        self.product.sale_delay = 2
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 10)])
        line = order.order_line
        self.assertEqual(line.oms_atp_qty, 1000)
        self.assertFalse(line.oms_promised_date, "A quotation promises nothing yet.")
        order.action_confirm()
        expected = self._order_date(order) + timedelta(days=2)
        self.assertEqual(line.oms_promised_date, expected)
        self.assertEqual(order.oms_promised_date, expected)
        # The line's own delivery does not count against it.
        self.assertEqual(line.oms_atp_qty, 1000)

    def test_promise_when_stock_short(self):
        order = self._create_order(
            partner=self.customer_in,
            lines=[(self.short_product, 3), (self.short_product, 4)],
        )
        first, second = order.order_line
        # Lines not procured yet consume the forecast in turn.
        self.assertEqual(first.oms_atp_qty, 5)
        self.assertEqual(second.oms_atp_qty, 2)
        order.action_confirm()
        order_date = self._order_date(order)
        self.assertEqual(first.oms_promised_date, order_date)
        self.assertEqual(second.oms_promised_date, order_date + timedelta(days=10))
        self.assertEqual(order.oms_promised_date, order_date + timedelta(days=10))

    def test_promise_uses_vendor_lead_time_without_production_lead_time(self):
        bought = self._create_product(
            "Sensor",
            40.0,
            seller_ids=[(0, 0, {"partner_id": self.customer_de.id, "delay": 6})],
        )
        order = self._create_order(partner=self.customer_in, lines=[(bought, 2)])
        order.action_confirm()
        self.assertEqual(
            order.order_line.oms_promised_date,
            self._order_date(order) + timedelta(days=6),
        )

    def test_promise_never_before_commitment_date(self):
        commitment = fields.Datetime.now() + timedelta(days=30)
        order = self._create_order(
            partner=self.customer_in,
            lines=[(self.product, 1)],
            commitment_date=commitment,
        )
        order.action_confirm()
        self.assertEqual(
            order.order_line.oms_promised_date,
            fields.Date.context_today(order, commitment),
        )

    def test_promised_date_before_order_date_refused(self):
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 1)])
        order.action_confirm()
        line = order.order_line
        promised = line.oms_promised_date
        with self.assertRaises(ValidationError) as error:
            line.oms_promised_date = self._order_date(order) - timedelta(days=1)
        self.assertIn("before the order date", str(error.exception))
        self.assertEqual(line.oms_promised_date, promised)
        self.assertEqual(order.oms_promised_date, promised)
        # A later promise is accepted and rolls up to the order.
        line.oms_promised_date = promised + timedelta(days=3)
        self.assertEqual(order.oms_promised_date, promised + timedelta(days=3))

    # Route choice from P:D

    def test_route_within_pd_limit(self):
        order = self._create_order(
            partner=self.patient_customer, lines=[(self.made_product, 2)]
        )
        line = order.order_line
        self.assertEqual(line.oms_demand_lead_days, 20)
        self.assertAlmostEqual(line.oms_pd_ratio, 0.5)
        self.assertFalse(line.route_id, "The route is chosen at confirmation.")
        order.action_confirm()
        self.assertEqual(line.route_id, self.route_make)
        self.assertEqual(line.move_ids.rule_id.route_id, self.route_make)

    def test_fallback_route_beyond_pd_limit(self):
        order = self._create_order(
            partner=self.hurried_customer, lines=[(self.made_product, 2)]
        )
        line = order.order_line
        self.assertAlmostEqual(line.oms_pd_ratio, 2.0)
        order.action_confirm()
        self.assertEqual(line.route_id, self.route_stock)
        self.assertEqual(line.move_ids.rule_id.route_id, self.route_stock)

    def test_held_order_gets_its_route_at_release(self):
        # The route is chosen when the goods are asked for: a held order gets
        # none at confirmation, and at release it follows P:D as it is then.
        self._create_rule(name="Hold gearboxes", domain="[('amount_total', '>', 0)]")
        order = self._create_order(
            partner=self.patient_customer, lines=[(self.made_product, 2)]
        )
        line = order.order_line
        order.action_confirm()
        self.assertTrue(order.oms_on_hold)
        self.assertFalse(line.route_id)
        self.assertFalse(line.move_ids)
        line.oms_demand_lead_days = 5  # the customer now needs it sooner
        self.assertAlmostEqual(line.oms_pd_ratio, 2.0)
        self.env["oms.hold.release"].with_user(self.oms_manager).create(
            {"hold_ids": order.oms_hold_ids.ids, "comment": "Checked"}
        ).action_release()
        self.assertEqual(line.route_id, self.route_stock)
        self.assertEqual(line.move_ids.rule_id.route_id, self.route_stock)

    def test_route_chosen_by_hand_is_kept(self):
        order = self._create_order(
            partner=self.patient_customer, lines=[(self.made_product, 2)]
        )
        order.order_line.route_id = self.route_stock
        order.action_confirm()
        self.assertEqual(order.order_line.route_id, self.route_stock)

    def test_digital_goods_create_no_moves(self):
        licence = self._create_product(
            "Configurator Licence",
            99.0,
            is_storable=False,
            oms_strategy_id=self.digital.id,
        )
        order = self._create_order(
            partner=self.customer_in, lines=[(licence, 1), (self.product, 1)]
        )
        order.action_confirm()
        licence_line, goods_line = order.order_line
        self.assertFalse(licence_line.move_ids)
        self.assertTrue(goods_line.move_ids)
        self.assertEqual(licence_line.qty_delivered_method, "manual")
        self.assertFalse(licence_line.route_id)

    # Ship complete or partial

    def test_ship_complete_policy_from_customer(self):
        self.customer_in.oms_ship_policy = "complete"
        contact = self.env["res.partner"].create(
            {"name": "Buyer at Pune Traders", "parent_id": self.customer_in.id}
        )
        self.assertEqual(contact.oms_ship_policy, "complete")
        order = self._create_order(
            partner=contact, lines=[(self.product, 1), (self.short_product, 50)]
        )
        self.assertEqual(order.picking_policy, "one")
        order.action_confirm()
        self.assertEqual(order.procurement_group_id.move_type, "one")
        self.assertEqual(order.picking_ids.move_type, "one")

    def test_ship_partial_policy_from_customer(self):
        self.customer_in.oms_ship_policy = "partial"
        with Form(self.env["sale.order"]) as order_form:
            order_form.partner_id = self.customer_in
            self.assertEqual(order_form.picking_policy, "direct")
            order_form.picking_policy = "one"  # still editable by hand
        self.assertEqual(order_form.record.picking_policy, "one")
        self.customer_de.oms_ship_policy = "complete"
        order = self._create_order(partner=self.customer_in)
        order.partner_id = self.customer_de
        self.assertEqual(order.picking_policy, "one")

    # Dispatch date confirmation

    def _confirm_dispatch(self, order, dispatch_date, **vals):
        wizard = self.env["oms.dispatch.confirm"].create(
            {"order_id": order.id, "dispatch_date": dispatch_date, **vals}
        )
        return wizard.action_confirm_dispatch()

    def test_dispatch_confirmation_schedules_order(self):
        carrier = self.env["res.partner"].create({"name": "Blue Dart Logistics"})
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 3)])
        order.action_confirm()
        self.assertEqual(order.oms_stage, "released")
        action = order.with_user(self.oms_user).action_oms_confirm_dispatch()
        self.assertEqual(action["res_model"], "oms.dispatch.confirm")
        dispatch_date = self._order_date(order) + timedelta(days=4)
        wizard = (
            self.env["oms.dispatch.confirm"]
            .with_user(self.oms_user)
            .with_context(**action["context"])
            .create(
                {"dispatch_date": dispatch_date, "logistics_provider_id": carrier.id}
            )
        )
        wizard.note = "Truck booked"
        wizard.action_confirm_dispatch()
        self.assertEqual(order.oms_stage, "scheduled")
        self.assertEqual(order.oms_dispatch_date, dispatch_date)
        self.assertEqual(order.oms_logistics_provider_id, carrier)
        self.assertEqual(order.oms_dispatch_confirmed_by_id, self.oms_user)
        self.assertTrue(order.oms_dispatch_confirmed_on)
        self.assertEqual(order.picking_ids.scheduled_date.date(), dispatch_date)
        self.assertEqual(order.picking_ids.move_ids.date.date(), dispatch_date)
        message = order.message_ids[0]
        self.assertIn("Dispatch confirmed", message.body)
        self.assertIn("Blue Dart Logistics", message.body)
        self.assertIn("Truck booked", message.body)

    def test_dispatch_date_before_order_date_refused(self):
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 3)])
        order.action_confirm()
        scheduled = order.picking_ids.scheduled_date
        with self.assertRaises(UserError) as error:
            self._confirm_dispatch(order, self._order_date(order) - timedelta(days=1))
        self.assertIn("cannot be before", str(error.exception))
        self.assertFalse(order.oms_dispatch_date)
        self.assertFalse(order.oms_dispatch_confirmed_on)
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(order.picking_ids.scheduled_date, scheduled)

    def test_dispatch_refused_on_draft_or_cancelled_order(self):
        order = self._create_order(partner=self.customer_in, lines=[(self.product, 3)])
        with self.assertRaises(UserError) as error:
            order.action_oms_confirm_dispatch()
        self.assertIn("not confirmed", str(error.exception))
        with self.assertRaises(UserError) as error:
            self._confirm_dispatch(order, fields.Date.today() + timedelta(days=2))
        self.assertIn("not confirmed", str(error.exception))
        order.action_confirm()
        order._action_cancel()
        with self.assertRaises(UserError) as error:
            self._confirm_dispatch(order, fields.Date.today() + timedelta(days=2))
        self.assertIn("not confirmed", str(error.exception))
        self.assertFalse(order.oms_dispatch_date)
        self.assertEqual(order.oms_stage, "cancelled")

    # Configuration

    def test_strategy_configuration_is_validated(self):
        with self.assertRaises(ValidationError):
            self.strategy.max_pd_ratio = 0
        with self.assertRaises(ValidationError):
            self.hurried_customer.oms_demand_lead_days = -1
        self.assertEqual(self.strategy.product_count, 1)
        self.assertEqual(self.strategy._get_route(1.0), self.route_make)
        self.assertEqual(self.strategy._get_route(1.01), self.route_stock)
