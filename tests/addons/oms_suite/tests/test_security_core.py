# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attacks on oms_core done the way a JSON-RPC client does them: plain
create/write/unlink and public method calls as a non-admin user. Each one
must be refused and leave nothing changed."""

import psycopg2.errors

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.oms_core.tests.common import OmsCoreCommon, worker_env

RELATIVE_DATE_DOMAIN = (
    "[('date_order', '>=', "
    "(context_today() - relativedelta(days=30)).strftime('%Y-%m-%d'))]"
)


@tagged("post_install", "-at_install")
class TestSecurityCoreDomains(OmsCoreCommon):
    """Manager-editable domains are data: an escalation is refused at save
    and never runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_group = cls.env.ref("base.group_system")
        cls.account_manager = new_test_user(
            cls.env,
            login="oms_test_account_manager",
            groups="account.group_account_manager",
        )
        cls.rule = cls._create_rule(name="Existing", domain="[]")

    def setUp(self):
        super().setUp()
        # Any write on a user during the test is recorded: the escalation
        # must never run, not merely be rolled back.
        self.user_writes = []
        Users = type(self.env["res.users"])
        original_write = Users.write
        user_writes = self.user_writes

        def spy_write(records, vals):
            user_writes.append((records.ids, vals))
            return original_write(records, vals)

        self.patch(Users, "write", spy_write)

    def _escalation(self):
        group_id = self.admin_group.id
        return (
            f"[('id', '=', user.sudo().write({{'groups_id': [(4, {group_id})]}}) "
            "and 1)]"
        )

    def _assert_not_escalated(self, user):
        self.assertFalse(self.user_writes, "The domain ran code")
        self.env.invalidate_all()
        self.assertNotIn(self.admin_group, user.sudo().groups_id)
        self.assertFalse(user.has_group("base.group_system"))

    def test_rule_domain_escalation_refused_at_create(self):
        rules = self.env["oms.rule"].with_user(self.oms_manager)
        with self.assertRaises(ValidationError):
            rules.create(
                {"name": "Escalate", "event": "confirm", "domain": self._escalation()}
            )
        self.assertFalse(self.env["oms.rule"].search([("name", "=", "Escalate")]))
        self._assert_not_escalated(self.oms_manager)

    def test_rule_domain_escalation_refused_at_write(self):
        with self.assertRaises(ValidationError):
            self.rule.with_user(self.oms_manager).write({"domain": self._escalation()})
        self.assertEqual(self.rule.domain, "[]")
        self._assert_not_escalated(self.oms_manager)

    def test_rule_domain_env_access_refused(self):
        for domain in (
            "[('id', '=', env.ref('base.user_admin').id)]",
            "[('id', 'in', [r.id for r in []])]",
            "[('name', '=', ().__class__.__name__)]",
        ):
            with self.subTest(domain=domain), self.assertRaises(ValidationError):
                self.rule.with_user(self.oms_manager).write({"domain": domain})
        self.assertEqual(self.rule.domain, "[]")

    def test_invoice_policy_domain_escalation_refused(self):
        for user in (self.oms_manager, self.account_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(ValidationError):
                    self.env["oms.invoice.policy"].with_user(user).create(
                        {
                            "name": "Escalate",
                            "trigger": "manual",
                            "company_id": self.company.id,
                            "rule_ids": [
                                Command.create(
                                    {
                                        "name": "Escalate",
                                        "company_id": self.company.id,
                                        "domain": self._escalation(),
                                    }
                                )
                            ],
                        }
                    )
                self._assert_not_escalated(user)
        self.assertFalse(
            self.env["oms.invoice.policy"].search([("name", "=", "Escalate")])
        )

    def test_dry_run_scope_escalation_refused(self):
        wizard_model = self.env["oms.rule.dry.run"].with_user(self.oms_manager)
        with self.assertRaises(ValidationError):
            wizard = wizard_model.create(
                {"rule_id": self.rule.id, "scope_domain": self._escalation()}
            )
            wizard.action_show_matches()
        self._assert_not_escalated(self.oms_manager)

    def test_relative_date_domain_still_works(self):
        rule = self.rule.with_user(self.oms_manager)
        rule.write({"domain": RELATIVE_DATE_DOMAIN})
        self.assertEqual(rule.domain, RELATIVE_DATE_DOMAIN)
        recent = self._create_order()
        self.assertEqual(rule._match(recent), recent)
        policy = (
            self.env["oms.invoice.policy"]
            .with_user(self.account_manager)
            .create(
                {
                    "name": "Last month",
                    "trigger": "manual",
                    "company_id": self.company.id,
                    "rule_ids": [
                        Command.create(
                            {
                                "name": "Last month",
                                "company_id": self.company.id,
                                "domain": RELATIVE_DATE_DOMAIN,
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(policy.rule_ids._get_domain()[0][:2], ("date_order", ">="))
        self.assertFalse(self.user_writes)


@tagged("post_install", "-at_install")
class TestSecurityCoreHolds(OmsCoreCommon):
    """Holds move only through release/cancel, with a comment, and are never
    deleted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._create_rule(
            name="Approve big orders",
            rule_type="approval",
            domain="[('amount_total', '>', 500)]",
            reason_id=cls.env.ref("oms_core.oms_reason_hold_credit").id,
        )

    def setUp(self):
        super().setUp()
        self.order = self._create_order()
        self.order.action_confirm()
        self.hold = self.order.oms_hold_ids
        self.assertEqual(self.hold.hold_type, "approval")

    def _assert_still_held(self):
        self.env.invalidate_all()
        self.assertEqual(self.hold.state, "active")
        self.assertFalse(self.hold.released_by_id)
        self.assertTrue(self.order.oms_on_hold)
        self.assertFalse(self.order.picking_ids)

    def test_user_writes_released_state(self):
        with self.assertRaises(UserError):
            self.hold.with_user(self.oms_user).write({"state": "released"})
        self._assert_still_held()

    def test_user_weakens_hold(self):
        other_order = self._create_order(partner=self.customer_in)
        attacks = {
            "state": "cancelled",
            "hold_type": "hold",
            "group_id": self.env.ref("oms_core.group_oms_user").id,
            "auto_release": True,
            "released_by_id": self.oms_user.id,
            "release_comment": "fine",
            "order_id": other_order.id,
            "rule_id": False,
        }
        for fname, value in attacks.items():
            with self.subTest(field=fname), self.assertRaises(UserError):
                self.hold.with_user(self.oms_user).write({fname: value})
        self._assert_still_held()
        self.assertEqual(self.hold.rule_id, self.rule)
        self.assertFalse(self.hold.group_id)

    def test_user_creates_released_hold(self):
        Hold = self.env["oms.order.hold"].with_user(self.oms_user)
        for vals in (
            {"state": "released"},
            {"group_id": self.env.ref("oms_core.group_oms_user").id},
            {"auto_release": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                Hold.create({"order_id": self.order.id, "message": "x", **vals})
        self.assertEqual(self.order.oms_hold_ids, self.hold)
        # A plain manual hold stays possible.
        manual = Hold.create({"order_id": self.order.id, "message": "Check docs"})
        self.assertEqual(manual.state, "active")
        self.assertEqual(manual.raised_by_id, self.oms_user)

    def test_manager_unlinks_active_hold(self):
        with self.assertRaises(UserError):
            self.hold.with_user(self.oms_manager).unlink()
        with self.assertRaises(AccessError):
            self.hold.with_user(self.oms_user).unlink()
        self.assertTrue(self.hold.exists())
        self._assert_still_held()

    def test_release_and_cancel_without_comment(self):
        hold = self.hold.with_user(self.oms_manager)
        for method in (hold.action_release, hold.action_cancel):
            with self.subTest(method=method.__name__):
                with self.assertRaises(UserError):
                    method()
                with self.assertRaises(UserError):
                    method("   ")
                with self.assertRaises(UserError):
                    method(False)
        wizard = (
            self.env["oms.hold.release"]
            .with_user(self.oms_manager)
            .create({"hold_ids": self.hold.ids, "comment": "  "})
        )
        with self.assertRaises(UserError):
            wizard.action_release()
        with self.assertRaises(UserError):
            wizard.action_cancel_holds()
        self._assert_still_held()

    def test_user_releases_or_cancels_approval_without_rights(self):
        hold = self.hold.with_user(self.oms_user)
        with self.assertRaises(AccessError):
            hold.action_release("I say so")
        with self.assertRaises(AccessError):
            hold.action_cancel("I say so")
        self._assert_still_held()

    def test_second_release_is_a_no_op(self):
        self.hold.with_user(self.oms_manager).action_release("Deposit received")
        self.assertEqual(self.hold.state, "released")
        pickings = self.order.picking_ids
        self.assertEqual(len(pickings), 1)
        messages = self.order.message_ids
        released_on = self.hold.released_on
        second_manager = self.oms_manager.copy({"login": "oms_second_manager"})
        self.hold.with_user(second_manager).action_release("Me too")
        self.hold.with_user(second_manager).action_cancel("Too late")
        self.assertEqual(self.order.picking_ids, pickings)
        self.assertEqual(self.order.message_ids, messages)
        self.assertEqual(self.hold.state, "released")
        self.assertEqual(self.hold.released_by_id, self.oms_manager)
        self.assertEqual(self.hold.released_on, released_on)
        self.assertEqual(self.hold.release_comment, "Deposit received")


@tagged("post_install", "-at_install")
class TestSecurityCoreConfig(OmsCoreCommon):
    """Bad configuration values are refused and nothing is stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._create_rule(name="Price floor", domain="[]")
        cls.reason_hold = cls.env.ref("oms_core.oms_reason_hold_credit")
        cls.reason_return = cls.env.ref("oms_finance.oms_reason_return_damaged")
        cls.company_b = cls.env["res.company"].create({"name": "OMS Other Company"})

    def test_rule_bad_values(self):
        rule = self.rule.with_user(self.oms_manager)
        for vals in (
            {"max_discount": 150.0},
            {"max_discount": -1.0},
            {"amount_threshold": -10.0},
            {"ratio_threshold": -0.5},
            {"reason_id": self.reason_return.id},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError):
                    rule.write(vals)
                with self.assertRaises(ValidationError):
                    self.env["oms.rule"].with_user(self.oms_manager).create(
                        {"name": "Bad", "event": "confirm", **vals}
                    )
        self.env.invalidate_all()
        self.assertEqual(self.rule.max_discount, 0.0)
        self.assertEqual(self.rule.amount_threshold, 0.0)
        self.assertEqual(self.rule.ratio_threshold, 3.0)
        self.assertFalse(self.rule.reason_id)
        self.assertFalse(self.env["oms.rule"].search([("name", "=", "Bad")]))
        rule.write({"max_discount": 100.0, "reason_id": self.reason_hold.id})

    def test_hold_with_reason_of_wrong_kind(self):
        order = self._create_order()
        with self.assertRaises(ValidationError):
            self.env["oms.order.hold"].with_user(self.oms_user).create(
                {"order_id": order.id, "reason_id": self.reason_return.id}
            )
        self.assertFalse(order.oms_hold_ids)
        hold = (
            self.env["oms.order.hold"]
            .with_user(self.oms_user)
            .create({"order_id": order.id, "reason_id": self.reason_hold.id})
        )
        with self.assertRaises(ValidationError):
            hold.write({"reason_id": self.reason_return.id})
        self.assertEqual(hold.reason_id, self.reason_hold)

    def test_used_reason_keeps_its_kind(self):
        self.rule.reason_id = self.reason_hold
        with self.assertRaises(ValidationError):
            self.reason_hold.with_user(self.oms_manager).write(
                {"reason_type": "return"}
            )
        self.assertEqual(self.reason_hold.reason_type, "hold")

    def test_rule_moved_to_inaccessible_company(self):
        self.assertNotIn(self.company_b, self.oms_manager.company_ids)
        rule = self.rule.with_user(self.oms_manager)
        with self.assertRaises(AccessError):
            rule.write({"company_id": self.company_b.id})
        self.assertFalse(self.rule.company_id)
        with self.assertRaises(AccessError):
            self.env["oms.rule"].with_user(self.oms_manager).create(
                {"name": "Elsewhere", "company_id": self.company_b.id}
            )
        self.assertFalse(self.env["oms.rule"].search([("name", "=", "Elsewhere")]))
        rule.write({"company_id": self.company.id})
        self.assertEqual(self.rule.company_id, self.company)

    def test_user_resolves_fallout_by_write(self):
        order = self._create_order()
        fallout = self.env["oms.fallout"]._report(order, "procurement", "No route")
        for vals in ({"state": "resolved"}, {"attempts": 0}, {"error": "fine"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                fallout.with_user(self.oms_user).write(vals)
        self.assertEqual(fallout.state, "open")
        self.assertEqual(fallout.error, "No route")
        with self.assertRaises(AccessError):
            fallout.with_user(self.salesman).action_resolve()
        self.assertEqual(fallout.state, "open")
        fallout.with_user(self.oms_user).action_resolve()
        self.assertEqual(fallout.state, "resolved")

    def test_partner_linked_to_other_company_policy(self):
        policy_b = self.env["oms.invoice.policy"].create(
            {"name": "B policy", "trigger": "manual", "company_id": self.company_b.id}
        )
        partner = self.customer_de.with_user(self.oms_manager)
        with self.assertRaises(ValidationError):
            partner.write({"oms_invoice_policy_id": policy_b.id})
        self.assertFalse(self.customer_de.oms_invoice_policy_id)


@tagged("post_install", "-at_install")
class TestSecurityCoreHoldConcurrency(OmsCoreCommon):
    """Two users releasing the same hold at once: one release, one log entry.

    Each user has their own database connection, so the held order is
    committed outside the test transaction, then removed.
    """

    def _worker(self):
        return worker_env(self.env.cr.dbname)

    def _setup_committed(self):
        with self._worker() as env:
            partner = env["res.partner"].create({"name": "OMS hold race customer"})
            product = env["product.product"].create(
                {"name": "OMS hold race service", "type": "service"}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
            )
            order.action_confirm()
            hold = env["oms.order.hold"].create(
                {"order_id": order.id, "message": "Race"}
            )
            env.cr.commit()  # a separate connection: the users must see it
            return partner.id, product.id, order.id, hold.id

    def _cleanup(self, partner_id, product_id, order_id, hold_id):
        with self._worker() as env:
            order = env["sale.order"].browse(order_id)
            order._action_cancel()
            order.unlink()  # its holds go with it (ondelete cascade)
            env["product.product"].browse(product_id).product_tmpl_id.unlink()
            env["res.partner"].browse(partner_id).unlink()
            env.cr.commit()  # our own connection: undo what we committed

    def test_concurrent_releases(self):
        ids = self._setup_committed()
        order_id, hold_id = ids[2:]
        try:
            with self._worker() as env_a, self._worker() as env_b:
                hold_a = env_a["oms.order.hold"].browse(hold_id)
                hold_b = env_b["oms.order.hold"].browse(hold_id)
                # B has seen the hold active before A's release commits.
                self.assertEqual(hold_b.state, "active")
                hold_a.action_release("Released by A")
                env_a.cr.commit()
                # B presses the same button: the lock refuses the stale
                # snapshot (Odoo retries such a request)...
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(psycopg2.errors.SerializationFailure),
                ):
                    hold_b.action_release("Released by B")
                env_b.cr.rollback()
            # ... and the retry finds it released: nothing to do.
            with self._worker() as env:
                hold = env["oms.order.hold"].browse(hold_id)
                self.assertFalse(hold.action_release("Released by B"))
                self.assertEqual(hold.release_comment, "Released by A")
                released = env["mail.message"].search_count(
                    [
                        ("model", "=", "sale.order"),
                        ("res_id", "=", order_id),
                        ("body", "ilike", "Released by A"),
                    ]
                )
                self.assertEqual(released, 1)
                self.assertFalse(
                    env["mail.message"].search_count(
                        [
                            ("model", "=", "sale.order"),
                            ("res_id", "=", order_id),
                            ("body", "ilike", "Released by B"),
                        ]
                    )
                )
        finally:
            self._cleanup(*ids)
