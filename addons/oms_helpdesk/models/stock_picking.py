# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)


class StockPicking(models.Model):
    _name = "stock.picking"
    # Satisfaction survey policies are chosen by send_survey rules.
    _inherit = ["stock.picking", "oms.rule.mixin"]

    ticket_ids = fields.One2many("helpdesk.ticket", "picking_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    oms_survey_input_ids = fields.One2many(
        "survey.user_input",
        "oms_picking_id",
        string="Satisfaction Surveys",
        # Answers are the survey app's: salesmen and stock users without
        # survey rights still read every other field of the document.
        groups="survey.group_survey_user",
    )

    def _compute_ticket_count(self):
        groups = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("picking_id", "in", self.ids)], ["picking_id"], ["__count"]
            )
        )
        for picking in self:
            picking.ticket_count = groups.get(picking, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update(
            domain=[("picking_id", "=", self.id)],
            context={
                "default_picking_id": self.id,
                "default_sale_order_id": self.sale_id.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    # BUSINESS METHODS: documents named in customers' emails

    @api.model
    def _oms_find_by_reference(self, references, company, limit=None):
        """Transfers of ``company`` numbered one of ``references``, whoever
        their customer: a ticket is linked to the documents its email names."""
        return self.search(
            [("company_id", "=", company.id), ("name", "in", references)],
            limit=limit,
        )

    # Satisfaction surveys after delivery

    def _oms_survey_candidate_domain(self):
        return [
            ("state", "=", "done"),
            ("picking_type_code", "=", "outgoing"),
            ("sale_id", "!=", False),
            ("oms_survey_input_ids", "=", False),
        ]

    def _oms_get_survey_policies(self):
        """``{picking: policy}``: the survey policy of the first
        ``send_survey`` rule (by sequence) matching each delivery of
        ``self``; deliveries no rule matches are absent."""
        return {
            picking: rule.survey_policy_id.with_env(self.env)
            for picking, rule in self._oms_first_rule_by_record(
                "delivery_done",
                # An archived policy sends nothing: its rules give way to the
                # next ones, as the policy itself did.
                rule_domain=[("survey_policy_id.active", "=", True)],
            ).items()
        }

    def _oms_prepare_survey_input_vals(self, policy):
        self.ensure_one()
        return {
            "oms_picking_id": self.id,
            "oms_sale_order_id": self.sale_id.id,
            "oms_policy_id": policy.id,
        }

    def _oms_send_satisfaction_surveys(self, now=None, force=False):
        """Invite the customer of each done delivery of ``self`` to its
        segment's survey once the policy's delay has passed (``force``:
        whatever the delay). One invitation per delivery, ever.

        :returns: the survey answers (invitations) created
        """
        now = now or fields.Datetime.now()
        # Surveys and their answers are the survey app's: the invitation goes
        # out whatever the rights of whoever triggers it (cron, agent, fallout
        # retry); uid, so the chatter author, stays theirs.
        pickings = self.sudo().filtered_domain(self._oms_survey_candidate_domain())
        # The rules are matched as the system too (their conditions read the
        # order's customer); the policies are read with the user's rights.
        policies = pickings._oms_get_survey_policies()
        template = self.env.ref("survey.mail_template_user_input_invite")
        inputs = self.env["survey.user_input"]
        for picking in pickings:
            policy = policies.get(picking, self.env["oms.helpdesk.survey.policy"])
            policy = policy.with_env(self.env)
            if not policy or not picking.sale_id.partner_id.email:
                continue
            due = picking.date_done + timedelta(days=policy.delay_days)
            if not force and due > now:
                continue
            try:
                with self.env.cr.savepoint():
                    inputs |= picking._oms_send_satisfaction_survey(policy, template)
            except Exception as error:  # pylint: disable=broad-except
                # A database conflict is retried as a whole by the cron.
                raise_if_db_conflict(self.env, error)
                _logger.exception("Survey for delivery %s failed", picking.name)
                self.env["oms.fallout"]._report(
                    picking.sale_id, "helpdesk_survey", error
                )
        return inputs

    def _oms_send_satisfaction_survey(self, policy, template):
        self.ensure_one()
        partner = self.sale_id.partner_id
        # Surveys and their answers belong to the survey app: the invitation
        # is created for the customer whatever the user's survey rights.
        user_input = (
            policy.survey_id.sudo()._create_answer(
                partner=partner,
                check_attempts=False,
                **self._oms_prepare_survey_input_vals(policy),
            )
        ).with_env(self.env)
        template.sudo().send_mail(
            user_input.id, email_layout_xmlid="mail.mail_notification_light"
        )
        self.sale_id.message_post(
            body=Markup("%s <a href='%s'>%s</a>")
            % (
                self.env._("Satisfaction survey sent for delivery %s:", self.name),
                user_input.get_start_url(),
                policy.survey_id.title,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return user_input

    @api.model
    def _cron_oms_send_satisfaction_surveys(self, limit=1000):
        pickings = self.search(
            self._oms_survey_candidate_domain()
            + [("date_done", ">=", fields.Datetime.now() - timedelta(days=90))],
            limit=limit,
            order="date_done",
        )
        pickings._oms_send_satisfaction_surveys()
        return True
