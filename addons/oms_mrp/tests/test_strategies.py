# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OmsMrpCommon


@tagged("post_install", "-at_install")
class TestStrategies(OmsMrpCommon):
    """What test_make_to_order shows for make-to-order, for assemble- and
    engineer-to-order: the P:D boundary, a late manufacturing order,
    cancellation of unstarted and started supply; and planned production in
    the available-to-promise."""

    def _confirm_released(self, product, **vals):
        """Confirm an order of ``product``, its design approved if asked."""
        order = self._confirm(product, **vals)
        if order.oms_hold_ids:
            order.oms_hold_ids.with_user(self.engineer).action_release("Approved")
        return order

    def _confirm_requested(self, product, days):
        today = fields.Date.context_today(self.env.user)
        return self._confirm_released(
            product,
            partner=self.customer_in,
            commitment_date=fields.Datetime.to_datetime(today + timedelta(days=days)),
        )

    def test_pd_boundary_assemble_to_order(self):
        # Assembled in 3 days (a demand lead time under a day counts as one).
        self.pump.bom_ids.produce_delay = 3
        at_limit = self._confirm_requested(self.pump, 3).order_line
        self.assertEqual(at_limit.oms_production_lead_days, 3)
        self.assertEqual(at_limit.oms_pd_ratio, 1.0)
        self.assertEqual(at_limit.route_id, self.mto_route)
        self.assertTrue(at_limit.oms_production_ids)
        too_soon = self._confirm_requested(self.pump, 2).order_line
        self.assertGreater(too_soon.oms_pd_ratio, 1.0)
        self.assertFalse(too_soon.route_id, "served from stock")
        self.assertFalse(too_soon.oms_production_ids)

    def test_pd_boundary_engineer_to_order(self):
        at_limit = self._confirm_requested(self.skid, 20).order_line
        self.assertEqual(at_limit.oms_pd_ratio, 1.0)
        self.assertEqual(at_limit.route_id, self.mto_route)
        self.assertTrue(at_limit.oms_production_ids)
        self.assertEqual(
            at_limit.oms_promised_date,
            at_limit._oms_get_order_date() + timedelta(days=20),
        )
        # No stock to fall back on: still made for the order, promised later
        # than asked.
        too_soon = self._confirm_requested(self.skid, 19).order_line
        self.assertGreater(too_soon.oms_pd_ratio, 1.0)
        self.assertEqual(too_soon.route_id, self.mto_route)
        self.assertTrue(too_soon.oms_production_ids)
        self.assertEqual(
            too_soon.oms_promised_date,
            too_soon._oms_get_order_date() + timedelta(days=20),
        )

    def test_late_mo_raises_jeopardy_per_strategy(self):
        self._create_late_lines_rule()
        for product in (self.pump, self.skid):
            with self.subTest(product=product.name):
                line = self._confirm_released(product).order_line
                self.assertEqual(line.oms_jeopardy_level, "none")
                late = line.oms_promised_date + timedelta(days=4)
                line.oms_production_ids.date_finished = fields.Datetime.to_datetime(
                    late
                )
                self.assertEqual(line.oms_delay_days, 4)
                self.assertEqual(line.oms_jeopardy_level, "high")

    def test_cancel_per_strategy(self):
        for product in (self.pump, self.skid):
            with self.subTest(product=product.name):
                unstarted = self._confirm_released(product)
                production = unstarted.order_line.oms_production_ids
                unstarted.with_user(self.oms_user)._oms_cancel_with_reason(
                    self.reason_cancel
                )
                self.assertEqual(production.state, "cancel")
                self.assertFalse(unstarted.oms_fallout_ids)

                started = self._confirm_released(product)
                production = started.order_line.oms_production_ids
                production.action_assign()
                production.qty_producing = 1
                started.with_user(self.oms_user)._oms_cancel_with_reason(
                    self.reason_cancel
                )
                self.assertEqual(started.state, "cancel")
                self.assertNotEqual(production.state, "cancel", "a person decides")
                self.assertEqual(started.oms_fallout_ids.step, "production_supply")
                self.assertIn(production.name, started.oms_fallout_ids.error)

    def test_cancel_before_engineering_approval_leaves_no_supply(self):
        order = self._confirm(self.skid)
        order.with_user(self.oms_user)._oms_cancel_with_reason(self.reason_cancel)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.oms_stage, "cancelled")
        self.assertFalse(order.order_line.oms_production_ids)
        self.assertFalse(order.oms_fallout_ids)
        self.assertFalse(
            self.env["mrp.production"].search([("product_id", "=", self.skid.id)])
        )

    def test_atp_counts_planned_production_not_drafts(self):
        def quotation_atp():
            return self._create_order(
                lines=[(self.exchanger, 3)]
            ).order_line.oms_atp_qty

        self.assertEqual(quotation_atp(), 0)
        production = self.env["mrp.production"].create(
            {"product_id": self.exchanger.id, "product_qty": 3}
        )
        self.assertEqual(production.state, "draft")
        self.assertEqual(quotation_atp(), 0, "a draft MO is not planned yet")
        production.action_confirm()
        self.assertEqual(quotation_atp(), 3, "planned production counts")
