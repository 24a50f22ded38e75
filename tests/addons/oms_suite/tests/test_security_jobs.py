# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Installing the OMS does not silently change plain Odoo: the sample rules
ship archived (the demo activates them), a new company starts with no active
rule, and an order a rule holds tells the user why at once. Database
conflicts in crons and jobs are retried, not turned into fallouts."""

from unittest.mock import patch

import psycopg2.errors
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import OmsCoreCommon
from odoo.addons.oms_core.tools.db_errors import is_db_conflict, raise_if_db_conflict
from odoo.addons.queue_job.exception import RetryableJobError

OMS_ADDONS = (
    "oms_core",
    "oms_finance",
    "oms_export_logistics",
    "oms_helpdesk",
    "oms_helpdesk_export",
)


def shipped_rule_states():
    """``{xmlid: active}`` of every ``oms.rule`` in the addons' data files
    (not demo): what a database without demo data gets."""
    states = {}
    for addon in OMS_ADDONS:
        path = get_module_path(addon)
        for data_file in get_manifest(addon).get("data", []):
            if not data_file.endswith(".xml"):
                continue
            tree = etree.parse(f"{path}/{data_file}")
            for record in tree.iter("record"):
                if record.get("model") != "oms.rule":
                    continue
                applies_to = record.find("field[@name='applies_to']")
                # Configuration rules of the OMS's own export shipments ship
                # active: they change no plain Odoo record.
                if applies_to is not None and applies_to.text == "oms.export.shipment":
                    continue
                xmlid = record.get("id")
                xmlid = xmlid if "." in xmlid else f"{addon}.{xmlid}"
                active = record.find("field[@name='active']")
                states[xmlid] = active is None or active.get("eval") not in (
                    "False",
                    "0",
                )
    return states


@tagged("post_install", "-at_install")
class TestSecurityJobsShippedRules(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shipped = shipped_rule_states()
        # Put this (demo) database's rules as a database without demo data
        # has them: the shipped rules as shipped, no demo or custom rule.
        Rule = cls.env["oms.rule"].with_context(active_test=False)
        rules = Rule.search([])
        rules.active = False
        for xmlid, active in cls.shipped.items():
            cls.env.ref(xmlid).active = active
        cls.street_less = cls.env["res.partner"].create(
            {"name": "OMS plain customer", "country_id": cls.env.ref("base.de").id}
        )

    def test_sample_rules_ship_archived(self):
        self.assertGreaterEqual(len(self.shipped), 10)
        active = [xmlid for xmlid, is_active in self.shipped.items() if is_active]
        self.assertFalse(active, "Sample rules shipped active")

    def test_plain_order_confirms_as_in_odoo(self):
        """What sale_stock's own tests do: an order to a customer without a
        street, confirmed by a salesman, gets its delivery and no hold."""
        order = self._create_order(
            partner=self.street_less, user_id=self.salesman.id
        ).with_user(self.salesman)
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oms_hold_ids)
        self.assertEqual(len(order.picking_ids), 1)

    def test_new_company_has_no_active_rule(self):
        rules_before = self.env["oms.rule"].with_context(active_test=False).search([])
        company = self.env["res.company"].create({"name": "OMS new company"})
        rules_after = self.env["oms.rule"].with_context(active_test=False).search([])
        self.assertEqual(rules_after, rules_before, "A company got its own rules")
        applicable = self.env["oms.rule"].search(
            [
                ("company_id", "in", [False, company.id]),
                ("applies_to", "!=", "oms.export.shipment"),
            ]
        )
        self.assertFalse(applicable)


@tagged("post_install", "-at_install")
class TestSecurityJobsHoldNotification(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["oms.rule"].search([("event", "=", "confirm")]).active = False
        cls._create_rule(
            name="Hold: export paperwork",
            domain=f"[('partner_id', '=', {cls.customer_de.id})]",
            message="Export licence to check",
        )

    def test_confirm_of_held_order_tells_why(self):
        order = self._create_order(user_id=self.salesman.id).with_user(self.salesman)
        action = order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.oms_on_hold)
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["type"], "warning")
        self.assertTrue(params["sticky"])
        self.assertIn(order.name, params["message"])
        self.assertIn("Export licence to check", params["message"])
        self.assertTrue(params["next"])

    def test_confirm_of_free_order_returns_odoo_result(self):
        order = self._create_order(
            partner=self.customer_in, user_id=self.salesman.id
        ).with_user(self.salesman)
        self.assertIs(order.action_confirm(), True)
        self.assertFalse(order.oms_on_hold)


def _conflict(*args, **kwargs):
    raise psycopg2.errors.DeadlockDetected("deadlock detected")


@tagged("post_install", "-at_install")
class TestSecurityJobsDbConflicts(OmsCoreCommon):
    """Crons and jobs isolate records in savepoints; a database conflict
    there is retried as a whole, never logged away or turned into a
    fallout. (Invoicing: oms_finance's own tests; stage emails: oms_core's.)"""

    def _fallouts(self):
        return self.env["oms.fallout"].search_count([])

    def test_db_conflict_helper(self):
        conflicts = (
            psycopg2.errors.SerializationFailure("x"),
            psycopg2.errors.DeadlockDetected("x"),
            psycopg2.errors.LockNotAvailable("x"),
        )
        for error in conflicts:
            self.assertTrue(is_db_conflict(error))
            with self.assertRaises(type(error)):
                raise_if_db_conflict(self.env, error)
            job_env = self.env(context={"job_uuid": "oms-test"})
            with self.assertRaises(RetryableJobError):
                raise_if_db_conflict(job_env, error)
        for error in (
            UserError("x"),
            ValueError("x"),
            psycopg2.errors.UniqueViolation("x"),
        ):
            self.assertFalse(is_db_conflict(error))
            self.assertIsNone(raise_if_db_conflict(self.env, error))

    def test_jeopardy_scan_conflict_propagates(self):
        order = self._create_order()
        order.action_confirm()
        fallouts = self._fallouts()
        SaleOrderLine = type(self.env["sale.order.line"])
        with (
            patch.object(SaleOrderLine, "_oms_jeopardy_scan_batch", _conflict),
            self.assertRaises(psycopg2.errors.DeadlockDetected),
        ):
            self.env["sale.order.line"]._oms_jeopardy_scan(lines=order.order_line)
        self.assertEqual(self._fallouts(), fallouts)

    def test_cash_application_conflict_propagates(self):
        Cash = self.env["oms.cash.application"]
        application = Cash.new({"company_id": self.company.id})
        with (
            patch.object(type(Cash), "_get_source_values", _conflict),
            self.assertRaises(psycopg2.errors.DeadlockDetected),
        ):
            application._run_sources()
        self.assertNotEqual(application.state, "error")

    def test_dd_scan_conflict_propagates(self):
        Clock = self.env["oms.dd.clock"]
        fallouts = self._fallouts()
        with (
            patch.object(type(Clock), "_dd_claim", _conflict),
            self.assertRaises(psycopg2.errors.DeadlockDetected),
        ):
            Clock.browse()._dd_scan_clocks(fields.Date.today())
        self.assertEqual(self._fallouts(), fallouts)

    def test_helpdesk_escalation_conflict_propagates(self):
        Ticket = self.env["helpdesk.ticket"]
        team = self.env["helpdesk.ticket.team"].search([], limit=1)
        self.assertTrue(team)
        ticket = Ticket.create(
            {"name": "OMS late order", "description": "Late", "team_id": team.id}
        )
        fallouts = self._fallouts()
        TicketClass = type(Ticket)

        def only_ticket(tickets):
            return [("id", "=", ticket.id)]

        def any_level_due(tickets, now):
            return tickets.team_id  # any record: one level to apply

        with (
            patch.object(TicketClass, "_oms_escalation_domain", only_ticket),
            patch.object(TicketClass, "_oms_get_due_escalation_levels", any_level_due),
            patch.object(TicketClass, "_oms_apply_escalation_level", _conflict),
            self.assertRaises(psycopg2.errors.DeadlockDetected),
        ):
            Ticket._cron_oms_escalate()
        self.assertEqual(self._fallouts(), fallouts)
