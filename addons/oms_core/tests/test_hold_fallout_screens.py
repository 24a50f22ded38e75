# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestHoldFalloutScreens(OmsCoreCommon):
    """Holds and fallouts are analysed, not only listed: pivot and graph
    views, filters by rule, reason, step and age, as an OMS user gets them."""

    def _views(self, model, user):
        views = (
            self.env[model]
            .with_user(user)
            .get_views([(False, "pivot"), (False, "graph"), (False, "search")])
        )["views"]
        return {
            view_type: etree.fromstring(views[view_type]["arch"])
            for view_type in ("pivot", "graph", "search")
        }

    def _filters(self, search):
        return {
            node.get("name"): node.get("domain") or node.get("context")
            for node in search.iter("filter")
        }

    def test_actions_offer_pivot_and_graph(self):
        for xmlid in ("oms_core.oms_order_hold_action", "oms_core.oms_fallout_action"):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            with self.subTest(action=xmlid):
                self.assertEqual(action["view_mode"], "list,form,pivot,graph")

    def test_hold_filters_and_analysis(self):
        views = self._views("oms.order.hold", self.oms_user)
        filters = self._filters(views["search"])
        for name in ("group_rule", "group_reason", "group_create_date"):
            self.assertIn("group_by", filters[name])
        for name in ("age_today", "age_2_days", "age_7_days"):
            self.assertIn("create_date", filters[name])
        self.assertEqual(
            [f.get("name") for f in views["pivot"].iter("field")], ["rule_id", "state"]
        )
        # What the pivot reads, as an OMS user.
        order = self._create_order()
        order.action_confirm()
        self.env["oms.order.hold"].create(
            {"order_id": order.id, "message": "Compliance check"}
        )
        groups = (
            self.env["oms.order.hold"]
            .with_user(self.oms_user)
            ._read_group(
                [("order_id", "=", order.id)],
                ["rule_id", "state", "create_date:week"],
                ["__count"],
            )
        )
        self.assertEqual([(g[1], g[3]) for g in groups], [("active", 1)])

    def test_fallout_filters_and_analysis(self):
        views = self._views("oms.fallout", self.oms_user)
        filters = self._filters(views["search"])
        self.assertIn("'step'", filters["group_step"])
        for name in ("age_today", "age_2_days", "age_7_days"):
            self.assertIn("create_date", filters[name])
        self.assertEqual(
            [f.get("name") for f in views["graph"].iter("field")], ["step", "state"]
        )
        order = self._create_order()
        fallout = self.env["oms.fallout"]._report(order, "procurement", "No route")
        # A fallout of ten days ago is in the "older than 7 days" bucket.
        self.env.cr.execute(
            "UPDATE oms_fallout SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=10), fallout.id],
        )
        fallout.invalidate_recordset()
        Fallout = self.env["oms.fallout"].with_user(self.oms_user)
        week_ago = fields.Datetime.now() - timedelta(days=7)
        self.assertEqual(
            Fallout.search([("id", "=", fallout.id), ("create_date", "<", week_ago)]),
            fallout,
        )
        groups = Fallout._read_group(
            [("id", "=", fallout.id)], ["step", "state"], ["__count"]
        )
        self.assertEqual(groups, [("procurement", "open", 1)])
