# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a newcomer and a user of the demo meet first: OMS managers follow
the background jobs of OMS work (and no other), the sale order header shows
what applies to the order and the user, and the demo's credit hold is one
that the hourly re-check keeps."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.queue_job.job import Job

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestQueueJobAccess(OmsCoreCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls._create_order()
        reason = cls.env["oms.reason"].search([], limit=1)
        cls.job_oms_model = cls._store_job(reason.exists)
        cls.job_oms_method = cls._store_job(order._oms_sync_stage)
        cls.job_other = cls._store_job(cls.customer_de.exists)
        cls.jobs = cls.job_oms_model | cls.job_oms_method | cls.job_other
        cls.job_queue_manager = new_test_user(
            cls.env,
            login="oms_test_job_queue_manager",
            groups="oms_core.group_oms_manager,queue_job.group_queue_job_manager",
        )

    @classmethod
    def _store_job(cls, method):
        job = Job(method)
        job.store()
        return cls.env["queue.job"].search([("uuid", "=", job.uuid)])

    def test_oms_manager_reads_the_jobs_of_oms_work_only(self):
        Jobs = self.env["queue.job"].with_user(self.oms_manager)
        self.assertEqual(
            Jobs.search([("id", "in", self.jobs.ids)]),
            self.job_oms_model | self.job_oms_method,
        )
        # What the job form shows, failure included, reads as the manager.
        data = self.job_oms_model.with_user(self.oms_manager).web_read(
            {
                "name": {},
                "state": {},
                "exc_info": {},
                "func_string": {},
                "job_function_id": {"fields": {"display_name": {}}},
                "company_id": {"fields": {"display_name": {}}},
            }
        )
        self.assertEqual(data[0]["state"], "pending")
        with self.assertRaises(AccessError):
            self.job_other.with_user(self.oms_manager).read(["name"])

    def test_oms_manager_cannot_change_jobs(self):
        # queue_job's buttons write through sudo(): refused all the same, as
        # a JSON-RPC call of the manager would be.
        job = self.job_oms_model.with_user(self.oms_manager)
        with self.assertRaises(AccessError):
            job.write({"priority": 1})
        for method in ("button_done", "button_cancelled", "requeue", "autovacuum"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(job, method)()
        self.assertEqual(self.job_oms_model.state, "pending")
        self.assertEqual(self.job_oms_model.priority, 10)
        # The Job Queue managers keep their buttons.
        self.job_oms_model.with_user(self.job_queue_manager).button_done()
        self.assertEqual(self.job_oms_model.state, "done")

    def test_oms_user_sees_no_job(self):
        with self.assertRaises(AccessError):
            self.env["queue.job"].with_user(self.oms_user).search([])

    def test_job_queue_manager_still_sees_every_job(self):
        # Group rules are OR-ed: the OMS managers' rule must not narrow a
        # Job Queue manager who is an OMS manager too.
        Jobs = self.env["queue.job"].with_user(self.job_queue_manager)
        self.assertEqual(Jobs.search([("id", "in", self.jobs.ids)]), self.jobs)

    def test_background_jobs_action_lists_oms_jobs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_core.queue_job_action_oms"
        )
        domain = safe_eval(action["domain"]) + [("id", "in", self.jobs.ids)]
        found = self.env["queue.job"].with_user(self.job_queue_manager).search(domain)
        self.assertEqual(found, self.job_oms_model | self.job_oms_method)


@tagged("post_install", "-at_install")
class TestSaleOrderHeader(OmsCoreCommon):
    """The header of the order form per state and role (the arch as each
    user gets it; the other OMS addons add their own buttons)."""

    def _header(self, user):
        arch = self.env["sale.order"].with_user(user).get_views([(False, "form")])
        header = etree.fromstring(arch["views"]["form"]["arch"]).find(".//header")
        return {
            button.get("id") or button.get("name"): button.get("invisible", "")
            for button in header.iter("button")
        }

    def test_one_way_to_cancel(self):
        buttons = self._header(self.oms_user)
        self.assertNotIn("action_cancel", buttons)
        self.assertIn("action_oms_cancel_with_reason", buttons)
        # A salesman outside the OMS keeps Odoo's own cancel.
        buttons = self._header(self.salesman)
        self.assertIn("action_cancel", buttons)
        self.assertNotIn("action_oms_cancel_with_reason", buttons)

    def test_held_order_is_neither_invoiced_nor_dispatched(self):
        buttons = self._header(self.oms_manager)
        for name in ("create_invoice", "create_invoice_percentage"):
            self.assertIn("oms_on_hold", buttons[name])
        self.assertIn("oms_on_hold", buttons["action_oms_confirm_dispatch"])
        self.assertEqual(
            buttons["action_oms_release_holds"], "not oms_can_release_holds"
        )

    def test_release_offered_only_to_who_may_release(self):
        order = self._create_order()
        self.env["oms.order.hold"].create(
            {"order_id": order.id, "message": "Credit check by hand"}
        )
        self.assertTrue(order.oms_on_hold)
        # A hold without a group of its own is for OMS managers to release.
        self.assertFalse(order.with_user(self.oms_user).oms_can_release_holds)
        self.assertTrue(order.with_user(self.oms_manager).oms_can_release_holds)
        buttons = self._header(self.oms_user)
        self.assertEqual(
            buttons["action_oms_recheck_holds"],
            "not oms_on_hold or oms_can_release_holds",
        )
        self.assertIn("state != 'sale'", buttons["action_oms_change_order"])


@tagged("post_install", "-at_install")
class TestDemoCreditHold(TransactionCase):
    """The demo order over its customer's credit limit stays on hold through
    the hourly re-check of auto-release holds (its rule still applies once
    Finance's demo has paid most of the open invoice)."""

    def setUp(self):
        super().setUp()
        self.order = self.env.ref(
            "oms_core.sale_order_hold_credit_demo", raise_if_not_found=False
        )
        if not self.order:
            self.skipTest("The database has no OMS demo data.")

    def test_credit_hold_survives_the_recheck(self):
        rule = self.env.ref("oms_core.oms_rule_hold_credit_limit")
        self.assertTrue(rule.active)
        self.assertEqual(self.order._oms_check_credit_limit(rule), self.order)
        hold = self.order.oms_hold_ids.filtered(lambda h: h.rule_id == rule)
        self.assertEqual(len(hold), 1)
        if hold.state != "active":
            self.skipTest("The demo hold was released in this database.")
        self.env["sale.order"]._cron_recheck_holds()
        self.assertEqual(hold.state, "active")
        self.assertTrue(self.order.oms_on_hold)

    def test_demo_company_receives_email(self):
        company = self.env.ref("oms_core.res_company_sahyadri_demo")
        self.assertEqual(company.alias_domain_id.name, "sahyadri.example.com")
