# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsCoreCommon

# Conditions on different fields of the order, its customer and its lines, so
# a growing rule set touches many fields.
RULE_DOMAINS = [
    "[('amount_total', '>', 1000000000)]",
    "[('partner_id.country_id.code', '=', 'ZZ')]",
    "[('client_order_ref', '=', 'never')]",
    "[('order_line.product_uom_qty', '>', 1000000)]",
    "[('partner_shipping_id.city', '=', 'Atlantis')]",
    "[('payment_term_id.name', '=', 'never')]",
]


@tagged("post_install", "-at_install")
class TestPerfRules(OmsCoreCommon):
    def _create_rules(self, count):
        return self.env["oms.rule"].create(
            [
                {
                    "name": f"Perf rule {index}",
                    "event": "confirm",
                    "rule_type": "hold",
                    "domain": RULE_DOMAINS[index % len(RULE_DOMAINS)],
                }
                for index in range(count)
            ]
        )

    def _confirm_queries(self, orders_count=1):
        orders = self.env["sale.order"].browse()
        for _index in range(orders_count):
            orders |= self._create_order(lines=[(self.product, 2), (self.product_b, 1)])
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        orders.action_confirm()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_confirm_queries_do_not_grow_with_rules(self):
        self._create_rules(len(RULE_DOMAINS))
        self._confirm_queries()  # warm caches (rules, routes, sequences)
        baseline = self._confirm_queries()
        self._create_rules(60)
        # A rule change empties the caches (which rules apply is cached):
        # the first confirmation after it refills them, as after any
        # configuration change; the steady state is what must not grow.
        self._confirm_queries()
        order = self._create_order(lines=[(self.product, 2), (self.product_b, 1)])
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(baseline):
            order.action_confirm()
        self.assertEqual(order.oms_stage, "released")

    def test_rules_are_matched_per_batch(self):
        rules = self._create_rules(len(RULE_DOMAINS))
        self._confirm_queries()
        one = self._confirm_queries(1)
        rules.write({"domain": "[('amount_total', '>', 0)]", "rule_type": "warn"})
        self._create_rules(20)
        ten = self._confirm_queries(10)
        # Confirming ten orders costs less than ten single confirmations.
        self.assertLess(ten, 10 * one)
