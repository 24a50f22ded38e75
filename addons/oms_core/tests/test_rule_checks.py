# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import OmsCoreCommon


class OmsRuleChecksCommon(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.de = cls.env.ref("base.de")
        cls.fr = cls.env.ref("base.fr")
        cls.new_customer = cls.env["res.partner"].create(
            {
                "name": "Lyon Robotique SA",
                "is_company": True,
                "street": "1 Quai Perrache",
                "city": "Lyon",
                "country_id": cls.fr.id,
                "vat": "FR23334175221",
            }
        )
        cls.customer_split = cls._create_export_partner(
            name="Kiel Werft AG", is_company=True
        )
        cls.delivery_fr = cls.env["res.partner"].create(
            {
                "name": "Kiel Werft, Strasbourg site",
                "type": "delivery",
                "parent_id": cls.customer_split.id,
                "street": "2 Rue du Rhin",
                "city": "Strasbourg",
                "country_id": cls.fr.id,
            }
        )

    @classmethod
    def _create_export_partner(cls, **vals):
        return cls.env["res.partner"].create(
            {
                "name": "Bremen Handel GmbH",
                "street": "Schlachte 3",
                "city": "Bremen",
                "country_id": cls.de.id,
                "vat": "DE811128135",
                **vals,
            }
        )

    def _assert_match(self, rule, matched, not_matched):
        self.assertEqual(rule._match(matched | not_matched), matched)


@tagged("post_install", "-at_install")
class TestRuleChecks(OmsRuleChecksCommon):
    def test_check_missing_data(self):
        rule = self._create_rule(check_method="_oms_check_missing_data")
        complete = self._create_order()
        domestic = self._create_order(self.customer_in, incoterm=False)
        no_street = self._create_order(self._create_export_partner(street=False))
        no_vat = self._create_order(self._create_export_partner(vat=False))
        no_incoterm = self._create_order(incoterm=False)
        no_hs_product = self._create_product("Gasket", 5.0)
        no_hs_code = self._create_order(lines=[(self.product, 1), (no_hs_product, 4)])
        self._assert_match(
            rule, no_street | no_vat | no_incoterm | no_hs_code, complete | domestic
        )
        self.assertEqual(
            no_street._oms_missing_data(), ["invoice address", "delivery address"]
        )
        self.assertEqual(no_vat._oms_missing_data(), ["customer VAT / tax id"])
        self.assertEqual(no_incoterm._oms_missing_data(), ["incoterm"])
        self.assertEqual(no_hs_code._oms_missing_data(), ["HS code of Gasket"])

    def test_check_credit_limit(self):
        self.company.account_use_credit_limit = True
        partner = self._create_export_partner()
        partner.with_company(self.company).credit_limit = 1000
        rule = self._create_rule(check_method="_oms_check_credit_limit")
        small = self._create_order(partner, lines=[(self.product, 1)])
        large = self._create_order(partner, lines=[(self.product, 10)])
        unlimited = self._create_order(lines=[(self.product, 100)])
        self._assert_match(rule, large, small | unlimited)
        # Open receivables count: an unpaid invoice of 900 fills the limit.
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create({"name": "Spares", "price_unit": 900, "tax_ids": []})
                ],
            }
        )
        invoice.action_post()
        self._assert_match(rule, small | large, unlimited)
        # Credit limits apply only when the company uses them.
        self.company.account_use_credit_limit = False
        self._assert_match(rule, self.env["sale.order"], small | large | unlimited)

    def test_check_credit_limit_on_confirmation_by_salesman(self):
        """The order being confirmed counts, even before anything is invoiceable
        (delivery-based invoicing), and salesmen without accounting rights
        can confirm."""
        self.company.account_use_credit_limit = True
        partner = self._create_export_partner()
        partner.with_company(self.company).credit_limit = 1000
        self._create_rule(check_method="_oms_check_credit_limit")
        small = self._create_order(partner, lines=[(self.product, 1)])
        large = self._create_order(partner, lines=[(self.product, 10)])
        (small | large).user_id = self.salesman
        large.with_user(self.salesman).action_confirm()
        self.assertEqual(large.oms_stage, "on_hold")
        self.assertFalse(large.picking_ids)
        small.with_user(self.salesman).action_confirm()
        self.assertEqual(small.oms_stage, "released")
        self.assertTrue(small.picking_ids)

    def test_check_first_order_amount(self):
        rule = self._create_rule(
            check_method="_oms_check_first_order_amount", amount_threshold=1000
        )
        previous = self._create_order(lines=[(self.product, 1)])
        previous.action_confirm()
        first_large = self._create_order(self.new_customer, lines=[(self.product, 10)])
        first_small = self._create_order(self.new_customer, lines=[(self.product, 1)])
        known_large = self._create_order(lines=[(self.product, 10)])
        # A contact of a known customer orders for that customer.
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer_de.id, "type": "contact"}
        )
        contact_large = self._create_order(contact, lines=[(self.product, 10)])
        self._assert_match(rule, first_large, first_small | known_large | contact_large)

    def test_check_first_order_amount_is_flat_in_history(self):
        """Whether the customer bought before costs the same queries with one
        past order as with many (issue 15)."""
        rule = self._create_rule(
            check_method="_oms_check_first_order_amount", amount_threshold=1000
        )
        past = self._create_order(lines=[(self.product, 1)])
        past.action_confirm()
        order = self._create_order(lines=[(self.product, 10)])

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.assertFalse(order._oms_check_first_order_amount(rule))
            return self.cr.sql_log_count - before

        with_one = count()
        more = self.env["sale.order"].union(
            *(self._create_order(lines=[(self.product, 1)]) for _i in range(5))
        )
        more.action_confirm()
        self.assertEqual(count(), with_one)

    def test_check_ship_bill_country(self):
        rule = self._create_rule(check_method="_oms_check_ship_bill_country")
        mismatch = self._create_order(self.customer_split)
        same = self._create_order()
        self.assertEqual(mismatch.partner_shipping_id, self.delivery_fr)
        self._assert_match(rule, mismatch, same)

    def test_check_high_risk_country(self):
        rule = self._create_rule(
            check_method="_oms_check_high_risk_country",
            country_ids=[Command.set(self.fr.ids)],
        )
        ships_fr = self._create_order(self.customer_split)
        bills_fr = self._create_order(self.new_customer)
        germany = self._create_order()
        india = self._create_order(self.customer_in)
        self._assert_match(rule, ships_fr | bills_fr, germany | india)

    def test_check_quantity_history(self):
        history = self._create_order(self.customer_in, lines=[(self.product, 10)])
        history.action_confirm()
        rule = self._create_rule(
            check_method="_oms_check_quantity_history", ratio_threshold=5
        )
        far_above = self._create_order(
            self.customer_in, lines=[(self.product_b, 1), (self.product, 60)]
        )
        within = self._create_order(self.customer_in, lines=[(self.product, 40)])
        no_history = self._create_order(self.new_customer, lines=[(self.product, 500)])
        other_product = self._create_order(
            self.customer_in, lines=[(self.product_b, 500)]
        )
        self._assert_match(rule, far_above, within | no_history | other_product)

    def test_check_payment_authorized_releases_on_authorization(self):
        prepaid = self.env["account.payment.term"].create(
            {"name": "100% in advance", "oms_requires_prepayment": True}
        )
        rule = self._create_rule(
            check_method="_oms_check_payment_authorized",
            auto_release=True,
            reason_id=self.env.ref("oms_core.oms_reason_hold_payment").id,
        )
        order = self._create_order(payment_term_id=prepaid.id)
        on_credit = self._create_order()
        self._assert_match(rule, order, on_credit)
        (order | on_credit).action_confirm()
        self.assertEqual(order.oms_stage, "on_hold")
        self.assertFalse(order.picking_ids)
        self.assertEqual(on_credit.oms_stage, "released")
        provider = self.env.ref("payment.payment_provider_demo")
        # As in payment's own tests: let the provider authorize before capture.
        provider.support_manual_capture = "full_only"
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": self.env.ref(
                        "payment.payment_method_unknown"
                    ).id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "reference": f"OMS-TEST-{order.name}",
                    "sale_order_ids": [Command.set(order.ids)],
                }
            )
        )
        # A pending transaction does not release the order.
        self.assertEqual(order.amount_paid, 0)
        self.assertEqual(rule._match(order), order)
        tx._set_authorized()
        self.assertEqual(order.oms_hold_ids.state, "released")
        self.assertFalse(order.oms_on_hold)
        self.assertEqual(order.oms_stage, "released")
        self.assertEqual(len(order.picking_ids), 1)

    def test_check_price_floor(self):
        self.product.oms_floor_price = 100
        rule = self._create_rule(
            rule_type="approval",
            check_method="_oms_check_price_floor",
            max_discount=20,
            group_id=self.env.ref("sales_team.group_sale_manager").id,
        )
        below_floor = self._create_order()
        below_floor.order_line.price_unit = 90
        big_discount = self._create_order(lines=[(self.product_b, 1)])
        big_discount.order_line.discount = 25
        fine = self._create_order(lines=[(self.product, 1), (self.product_b, 1)])
        fine.order_line.discount = 10
        self._assert_match(rule, below_floor | big_discount, fine)


@tagged("post_install", "-at_install")
class TestRuleTypes(OmsRuleChecksCommon):
    """Each rule type end-to-end through action_confirm."""

    def test_hold(self):
        self._create_rule(
            check_method="_oms_check_missing_data",
            reason_id=self.env.ref("oms_core.oms_reason_hold_data").id,
            message="Data missing",
        )
        held = self._create_order(incoterm=False)
        clean = self._create_order()
        (held | clean).action_confirm()
        self.assertEqual(held.oms_stage, "on_hold")
        self.assertEqual(held.oms_hold_ids.hold_type, "hold")
        self.assertEqual(held.oms_hold_ids.message, "Data missing")
        self.assertFalse(held.picking_ids)
        self.assertEqual(clean.oms_stage, "released")
        self.assertTrue(clean.picking_ids)

    def test_approval(self):
        self.product.oms_floor_price = 100
        manager_group = self.env.ref("sales_team.group_sale_manager")
        self._create_rule(
            rule_type="approval",
            check_method="_oms_check_price_floor",
            group_id=manager_group.id,
        )
        order = self._create_order()
        order.order_line.price_unit = 90
        order.action_confirm()
        self.assertEqual(order.oms_stage, "validation")
        hold = order.oms_hold_ids
        self.assertEqual(hold.hold_type, "approval")
        self.assertEqual(hold.group_id, manager_group)
        self.assertFalse(order.picking_ids)
        hold.with_user(self.oms_manager).action_release("Strategic customer")
        self.assertEqual(order.oms_stage, "released")
        self.assertTrue(order.picking_ids)

    def test_warn(self):
        rule = self._create_rule(
            rule_type="warn", check_method="_oms_check_ship_bill_country"
        )
        warned = self._create_order(self.customer_split)
        plain = self._create_order()
        (warned | plain).action_confirm()
        self.assertEqual(warned.oms_warning_rule_ids, rule)
        self.assertFalse(plain.oms_warning_rule_ids)
        # A warning does not hold the order.
        self.assertEqual(warned.oms_stage, "released")
        self.assertTrue(warned.picking_ids)

    def test_priority(self):
        self._create_rule(
            rule_type="priority", priority="1", domain="[('amount_total', '>', 1000)]"
        )
        urgent = self._create_order(lines=[(self.product, 10)])
        normal = self._create_order(lines=[(self.product, 1)])
        (urgent | normal).action_confirm()
        self.assertEqual(urgent.oms_priority, "1")
        self.assertEqual(urgent.picking_ids.priority, "1")
        self.assertEqual(normal.oms_priority, "0")
        self.assertEqual(normal.picking_ids.priority, "0")

    def test_priority_of_held_order_reaches_its_delivery(self):
        self._create_rule(
            rule_type="priority", priority="1", domain="[('amount_total', '>', 1000)]"
        )
        self._create_rule(domain="[('amount_total', '>', 1000)]", sequence=20)
        order = self._create_order(lines=[(self.product, 10)])
        order.action_confirm()
        self.assertFalse(order.picking_ids)
        order.oms_hold_ids.with_user(self.oms_manager).action_release("Checked")
        self.assertEqual(order.picking_ids.priority, "1")

    def test_notify(self):
        template = self.env.ref("oms_core.mail_template_shipped")
        self._create_rule(
            rule_type="notify",
            domain="[('partner_id.country_id.code', '=', 'DE')]",
            mail_template_id=template.id,
        )
        notified = self._create_order()
        silent = self._create_order(self.customer_in)
        (notified | silent).action_confirm()
        subject = f"{self.company.name}: {notified.name} has shipped"
        self.assertEqual(
            len(notified.message_ids.filtered(lambda m: m.subject == subject)), 1
        )
        self.assertFalse(
            silent.message_ids.filtered(lambda m: "has shipped" in (m.subject or ""))
        )
