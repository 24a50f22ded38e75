# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.oms_core.tests.common import OmsCoreCommon


class OmsHelpdeskCommon(OmsCoreCommon):
    """A service team working Monday to Friday 8-12 and 13-17 (UTC) with a
    16 business hour resolution SLA, agents and a team leader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True)
        )
        # No survey unless a test configures one.
        cls.env["oms.rule"].search([("rule_type", "=", "send_survey")]).active = False
        cls.env["helpdesk.sla"].search([]).active = False
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.agent = new_test_user(
            cls.env,
            login="hd_agent",
            email="agent@example.com",
            groups="helpdesk_mgmt.group_helpdesk_user,oms_core.group_oms_user",
        )
        cls.senior = new_test_user(
            cls.env,
            login="hd_senior",
            email="senior@example.com",
            groups="helpdesk_mgmt.group_helpdesk_user",
        )
        cls.leader = new_test_user(
            cls.env,
            login="hd_leader",
            email="leader@example.com",
            groups="helpdesk_mgmt.group_helpdesk_manager,oms_core.group_oms_manager",
        )
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service hours",
                "tz": "UTC",
                "company_id": cls.company.id,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "OMS Service",
                "company_id": cls.company.id,
                "use_sla": True,
                "resource_calendar_id": cls.calendar.id,
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.agent | cls.senior | cls.leader).ids)],
            }
        )
        cls.sla = cls.env["helpdesk.sla"].create(
            {
                "name": "Resolve in 16 business hours",
                "team_ids": [Command.set(cls.team.ids)],
                "stage_id": cls.stage_done.id,
                "hours": 16,
                "days": 0,
            }
        )
        cls.customer_de.email = "buyer@hamburg-maschinenbau.example.com"
        cls.customer_in.email = "orders@pune-traders.example.com"
        cls.category_complaint = cls.env.ref(
            "oms_helpdesk.helpdesk_ticket_category_complaint"
        )
        cls.category_status = cls.env.ref(
            "oms_helpdesk.helpdesk_ticket_category_order_status"
        )
        cls.survey = cls.env.ref("oms_helpdesk.survey_survey_delivery_satisfaction")
        cls.q_csat = cls.env.ref("oms_helpdesk.survey_question_delivery_csat")
        cls.q_nps = cls.env.ref("oms_helpdesk.survey_question_delivery_nps")

    @classmethod
    def _create_ticket(cls, **vals):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Where is my order?",
                "description": "<p>Please tell me.</p>",
                "company_id": cls.company.id,
                "partner_id": cls.customer_de.id,
                **vals,
            }
        )

    @classmethod
    def _create_survey_policy(cls, domain="[]", company=None, **vals):
        """A survey policy and its ``send_survey`` rule (``domain``, same
        sequence and company as the policy)."""
        company_vals = {"company_id": company.id} if company else {}
        policy = cls.env["oms.helpdesk.survey.policy"].create(
            {"survey_id": cls.survey.id, **company_vals, **vals}
        )
        policy.rule_ids = [
            Command.create(
                {
                    "name": policy.name,
                    "sequence": policy.sequence,
                    "domain": domain,
                    **company_vals,
                }
            )
        ]
        return policy

    @classmethod
    def _segment_domain(cls, tags):
        """The former segment matcher: the order's customer or its company
        has one of ``tags``."""
        return str(
            [
                "|",
                ("sale_id.partner_id.category_id", "in", tags.ids),
                (
                    "sale_id.partner_id.commercial_partner_id.category_id",
                    "in",
                    tags.ids,
                ),
            ]
        )

    def _delivered_order(self, partner=None, qty=10):
        order = self._create_order(partner=partner, lines=[(self.product, qty)])
        order.action_confirm()
        self._deliver(order)
        return order
