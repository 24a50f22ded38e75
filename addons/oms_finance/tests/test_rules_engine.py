# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common_invoicing import OmsInvoicingCommon


@tagged("post_install", "-at_install")
class TestInvoicePolicyRules(OmsInvoicingCommon):
    """Invoice policies are chosen by OMS rules ("Apply invoice policy"), as
    their own domain chose them before: first match by sequence, the
    customer's policy first, archived policies and rules ignored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager = new_test_user(
            cls.env,
            login="oms_rules_account_manager",
            groups="account.group_account_manager",
        )

    def test_first_matching_rule_by_sequence_wins(self):
        germany = self._create_policy(
            name="Germany",
            sequence=1,
            domain="[('partner_id.country_id.code', '=', 'DE')]",
        )
        everyone = self._create_policy(name="Everyone", sequence=2)
        order_de = self._create_order()
        order_in = self._create_order(partner=self.customer_in)
        policies = self.env["oms.invoice.policy"]._oms_policies_for(order_de | order_in)
        self.assertEqual(policies, {order_de: germany, order_in: everyone})
        # The rule is an OMS rule of the finance area, like every other.
        self.assertEqual(germany.rule_ids.area, "finance")
        self.assertEqual(germany.rule_ids.rule_type, "invoice_policy")
        self.assertEqual(germany.rule_ids.applies_to, "sale.order")

    def test_archived_policy_or_rule_gives_way(self):
        first = self._create_policy(name="First", sequence=1)
        second = self._create_policy(name="Second", sequence=2)
        order = self._create_order()
        self.assertEqual(order._oms_get_invoice_policy(), first)
        first.active = False
        self.assertEqual(order._oms_get_invoice_policy(), second)
        second.rule_ids.active = False
        self.assertFalse(order._oms_get_invoice_policy())

    def test_policy_without_rule_applies_to_no_order(self):
        policy = self._create_policy(domain=None)
        order = self._create_order()
        self.assertFalse(order._oms_get_invoice_policy())
        self.customer_de.oms_invoice_policy_id = policy
        self.assertEqual(order._oms_get_invoice_policy(), policy)

    def test_rule_scoped_to_the_policy_company(self):
        policy = self._create_policy(domain=None)
        other = self.env["res.company"].create({"name": "OMS other company"})
        with self.assertRaises(ValidationError):
            self.env["oms.rule"].create(
                {
                    "name": "Elsewhere",
                    "invoice_policy_id": policy.id,
                    "company_id": False,
                }
            )
        with self.assertRaises(ValidationError):
            self.env["oms.rule"].create(
                {
                    "name": "Elsewhere",
                    "invoice_policy_id": policy.id,
                    "company_id": other.id,
                }
            )
        self.assertFalse(policy.rule_ids)

    def test_rule_type_needs_its_policy_model_and_event(self):
        with self.assertRaises(ValidationError):
            self.env["oms.rule"].create(
                {
                    "name": "No policy",
                    "rule_type": "invoice_policy",
                    "applies_to": "sale.order",
                    "event": "invoice_policy",
                    "company_id": self.company.id,
                }
            )
        policy = self._create_policy(domain=None)
        with self.assertRaises(ValidationError):
            self.env["oms.rule"].create(
                {
                    "name": "Wrong event",
                    "rule_type": "invoice_policy",
                    "applies_to": "sale.order",
                    "event": "confirm",
                    "invoice_policy_id": policy.id,
                    "company_id": self.company.id,
                }
            )
        rule = self.env["oms.rule"].create(
            {
                "name": "Right",
                "invoice_policy_id": policy.id,
                "company_id": self.company.id,
            }
        )
        with self.assertRaises(ValidationError):
            rule.invoice_policy_id = False
        self.assertEqual(rule.invoice_policy_id, policy)

    def test_accounting_manager_edits_invoice_policy_rules_only(self):
        policy = (
            self.env["oms.invoice.policy"]
            .with_user(self.account_manager)
            .create(
                {
                    "name": "Accounting's policy",
                    "trigger": "manual",
                    "company_id": self.company.id,
                    "rule_ids": [
                        Command.create(
                            {"name": "Everyone", "company_id": self.company.id}
                        )
                    ],
                }
            )
        )
        self.assertEqual(policy.rule_ids.rule_type, "invoice_policy")
        hold_rule = self.env["oms.rule"].create(
            {"name": "Hold everything", "rule_type": "hold", "domain": "[]"}
        )
        with self.assertRaises(AccessError):
            hold_rule.with_user(self.account_manager).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["oms.rule"].with_user(self.account_manager).create(
                {"name": "Sneaky hold", "rule_type": "hold", "domain": "[]"}
            )
        self.assertTrue(hold_rule.active)
        self.assertFalse(self.env["oms.rule"].search([("name", "=", "Sneaky hold")]))
