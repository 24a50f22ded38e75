# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsMrpCommon


@tagged("post_install", "-at_install")
class TestEngineeringStage(OmsMrpCommon):
    """Engineer to order: "engineering" is a stage of its own while the
    design waits for its approval, recorded and announced as the others."""

    def _engineering_mails(self, order):
        return order.message_ids.filtered(
            lambda m: "is in engineering" in (m.subject or "")
        )

    def test_engineering_stage_recorded_and_announced_once(self):
        self.env.ref("oms_mrp.oms_rule_notify_engineering").active = True
        self.patient.email = "patient.buyer@example.com"
        order = self._confirm(self.skid)
        self.assertEqual(order.oms_stage, "engineering")
        entry = order.oms_stage_history_ids.filtered(lambda h: not h.date_end)
        self.assertEqual(entry.stage, "engineering")
        History = self.env["oms.stage.history"]
        History._cron_notify_stage_changes(orders=order)
        History._cron_notify_stage_changes(orders=order)
        self.assertEqual(len(self._engineering_mails(order)), 1)
        self.assertIn(self.patient, self._engineering_mails(order).partner_ids)

        order.oms_hold_ids.with_user(self.engineer).action_release("Approved")
        self.assertEqual(order.oms_stage, "released")
        entry = order.oms_stage_history_ids.filtered(lambda h: not h.date_end)
        self.assertEqual(
            (entry.stage, entry.previous_stage), ("released", "engineering")
        )
        History._cron_notify_stage_changes(orders=order)
        self.assertEqual(len(self._engineering_mails(order)), 1)

    def test_other_approval_first_keeps_validation(self):
        self._create_rule(
            name="Big orders need approval",
            rule_type="approval",
            domain="[('amount_total', '>', 0)]",
        )
        order = self._confirm(self.skid)
        self.assertEqual(len(order.oms_hold_ids), 2)
        self.assertEqual(order.oms_stage, "validation")
        commercial = order.oms_hold_ids.filtered(
            lambda h: (
                h.reason_id != self.env["oms.order.hold"]._oms_get_engineering_reason()
            )
        )
        commercial.action_release("Approved by sales")
        self.assertEqual(order.oms_stage, "engineering")
        self.assertEqual(
            order.oms_stage_history_ids.sorted("id").mapped("stage")[-2:],
            ["validation", "engineering"],
        )

    def test_stage_columns_show_engineering_after_validation(self):
        stages = self.env["sale.order"]._read_group_expand_oms_stage([], [])
        self.assertEqual(
            stages[stages.index("validation") + 1 : stages.index("validation") + 2],
            ["engineering"],
        )
        result = self.env["sale.order"].read_group(
            [("id", "=", 0)], ["oms_stage"], ["oms_stage"]
        )
        self.assertIn("engineering", [group["oms_stage"] for group in result])
