# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestOmsRule(OmsCoreCommon):
    def test_domain_match_and_non_match(self):
        rule = self._create_rule(domain="[('amount_total', '>', 2000)]")
        big = self._create_order(lines=[(self.product, 20)])
        small = self._create_order(lines=[(self.product, 1)])
        self.assertEqual(rule._match(big | small), big)

    def test_hold_rule_keeps_order_from_warehouse(self):
        self._create_rule(domain="[('amount_total', '>', 500)]")
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertTrue(order.oms_on_hold)
        self.assertFalse(order.picking_ids, "A held order must not reach the warehouse")

    def test_non_matching_rule_releases_order(self):
        self._create_rule(domain="[('amount_total', '>', 1000000000)]")
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(len(order.picking_ids), 1)

    def test_stop_processing_gives_first_match(self):
        first = self._create_rule(
            name="First", sequence=1, rule_type="warn", stop_processing=True
        )
        second = self._create_rule(name="Second", sequence=2, rule_type="warn")
        order = self._create_order()
        order.action_confirm()
        self.assertEqual(order.oms_warning_rule_ids, first)
        first.stop_processing = False
        other = self._create_order()
        other.action_confirm()
        self.assertEqual(other.oms_warning_rule_ids, first | second)

    def test_invalid_domain_is_refused(self):
        with self.assertRaises(ValidationError):
            self._create_rule(domain="[('no_such_field', '=', 1)]")
        with self.assertRaises(ValidationError):
            self._create_rule(domain="[('amount_total', '>'")
        rule = self._create_rule(domain="[]")
        with self.assertRaises(ValidationError):
            rule.domain = "[('state', 'like')]"
        self.assertEqual(rule.domain, "[]")

    def test_action_parameters_are_required(self):
        with self.assertRaises(ValidationError):
            self._create_rule(rule_type="jeopardy", applies_to="sale.order.line")
        with self.assertRaises(ValidationError):
            self._create_rule(rule_type="notify")

    def test_only_managers_edit_rules(self):
        rule = self._create_rule()
        self.assertTrue(rule.with_user(self.oms_user).name)  # users read rules
        with self.assertRaises(AccessError):
            rule.with_user(self.oms_user).write({"name": "Hacked"})
        with self.assertRaises(AccessError):
            self.env["oms.rule"].with_user(self.oms_user).create(
                {"name": "Mine", "event": "confirm", "rule_type": "warn"}
            )
        rule.with_user(self.oms_manager).write({"name": "Tuned"})
        self.assertEqual(rule.name, "Tuned")

    def test_rule_of_another_company_is_ignored(self):
        other_company = self.env["res.company"].create({"name": "Other Exports"})
        self._create_rule(company_id=other_company.id)
        order = self._create_order()
        order.action_confirm()
        self.assertFalse(order.oms_on_hold)

    def test_check_method_narrows_the_domain(self):
        rule = self._create_rule(check_method="_oms_check_ship_bill_country")
        plain = self._create_order()
        split = self._create_order(
            partner_shipping_id=self.customer_in.id,
        )
        self.assertEqual(rule._match(plain | split), split)

    def test_domain_context_allows_dates(self):
        yesterday = "(context_today() - relativedelta(days=1)).strftime('%Y-%m-%d')"
        rule = self._create_rule(domain=f"[('date_order', '>=', {yesterday})]")
        order = self._create_order()
        self.assertEqual(rule._match(order), order)

    def test_dry_run_lists_matches_without_acting(self):
        rule = self._create_rule(domain="[('amount_total', '>', 2000)]")
        big = self._create_order(lines=[(self.product, 20)])
        self._create_order(lines=[(self.product, 1)])
        wizard = (
            self.env["oms.rule.dry.run"]
            .with_user(self.oms_manager)
            .create({"rule_id": rule.id, "scope_domain": "[('state', '=', 'draft')]"})
        )
        action = wizard.action_show_matches()
        matched = self.env["sale.order"].search(action["domain"])
        self.assertIn(big, matched)
        self.assertTrue(all(order.amount_total > 2000 for order in matched))
        self.assertFalse(big.oms_hold_ids, "A dry run must not act")
