# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict

_logger = logging.getLogger(__name__)


class OmsHelpdeskEscalationLevel(models.Model):
    """One escalation step of a team's SLA: once a ticket has used
    ``percent`` of its SLA time, notify someone, reassign the ticket or
    escalate it to the team leader. Applied once per ticket."""

    _name = "oms.helpdesk.escalation.level"
    _description = "Helpdesk Escalation Level"
    _order = "team_id, percent, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    sla_id = fields.Many2one(
        "helpdesk.sla",
        string="SLA",
        ondelete="cascade",
        help="Only for tickets under this SLA. Empty: any SLA of the team.",
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    percent = fields.Integer(
        required=True,
        help="Share of the SLA time used (from ticket creation to the SLA "
        "deadline, in business hours) at which this level applies.",
    )
    action = fields.Selection(
        [
            ("notify", "Notify"),
            ("reassign", "Reassign"),
            ("escalate_manager", "Escalate to the manager"),
        ],
        required=True,
        default="notify",
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        domain="[('share', '=', False)]",
        help="Notify: who is told (default: the assignee). Reassign: the new assignee.",
    )
    group_id = fields.Many2one(
        "res.groups",
        help="Notify: members of this group are told as well.",
    )

    _sql_constraints = [
        (
            "percent_positive",
            "CHECK (percent > 0)",
            "An escalation level applies after a positive share of the SLA.",
        ),
    ]

    # CONSTRAINT METHODS

    @api.constrains("action", "user_id")
    def _check_reassign_user(self):
        for level in self:
            if level.action == "reassign" and not level.user_id:
                raise ValidationError(
                    self.env._(
                        "Escalation level %s reassigns tickets: choose the user.",
                        level.name,
                    )
                )

    # BUSINESS METHODS

    @api.model
    def _get_pending_ticket_domain(self):
        """Open tickets under a running SLA that can still escalate: an
        active level of their team, for any SLA or for one of theirs, is not
        applied yet. Tickets at their last level are not read again."""
        pending = []
        for team, levels in self.search([]).grouped("team_id").items():
            level_domains = [
                [("oms_escalation_level_ids", "not in", level.ids)]
                + (
                    [("ticket_sla_ids.sla_id", "=", level.sla_id.id)]
                    if level.sla_id
                    else []
                )
                for level in levels
            ]
            pending.append(
                expression.AND(
                    [[("team_id", "=", team.id)], expression.OR(level_domains)]
                )
            )
        return expression.AND(
            [
                [
                    ("closed", "=", False),
                    ("ticket_sla_ids.state", "=", "in_progress"),
                ],
                expression.OR(pending) if pending else expression.FALSE_DOMAIN,
            ]
        )

    def _filter_due(self, ticket, percent):
        """Levels of ``self`` due on ``ticket`` once it used ``percent`` of
        its SLA time and not applied to it yet, lowest first."""
        return self.filtered(
            lambda level: (
                level.percent <= percent
                and level not in ticket.oms_escalation_level_ids
                and (not level.sla_id or level.sla_id in ticket.sla_ids)
            )
        ).sorted("percent")

    def _get_recipients(self, ticket):
        """Partners a ``notify`` level tells: its user and group, else the
        ticket's assignee."""
        self.ensure_one()
        partners = self.user_id.partner_id | self.group_id.users.partner_id
        return partners or ticket.user_id.partner_id

    @api.model
    def _get_manager(self, ticket):
        """Who an ``escalate_manager`` level hands the ticket to: the team
        leader, else an OMS manager."""
        # Group members are read as the system: the agent running the
        # escalation may not read groups.
        return ticket.team_id.user_id or self.env.ref(
            "oms_core.group_oms_manager"
        ).sudo().users.filtered(lambda u: not u.share)[:1].with_env(self.env)

    def _apply(self, ticket):
        """Run the level on ``ticket`` and record it there."""
        self.ensure_one()
        body = self.env._(
            "Escalation %(level)s: %(percent)s%% of the SLA time used.",
            level=self.name,
            percent=self.percent,
        )
        vals = {"oms_escalation_level_ids": [fields.Command.link(self.id)]}
        partners = self.env["res.partner"]
        if self.action == "notify":
            partners = self._get_recipients(ticket)
        elif self.action == "reassign":
            vals["user_id"] = self.user_id.id
            partners = self.user_id.partner_id
        elif self.action == "escalate_manager":
            manager = self._get_manager(ticket)
            vals.update(oms_escalated_to_manager=True, priority="3")
            if manager:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Escalated ticket: %s", ticket.display_name),
                    note=body,
                    user_id=manager.id,
                )
        ticket.write(vals)
        ticket.message_post(
            body=body,
            partner_ids=partners.ids,
            subtype_xmlid="mail.mt_note",
        )

    # BUSINESS METHODS: escalation scan

    @api.model
    def _escalate_pending_tickets(self, now, limit=500):
        """Apply the levels due at ``now`` on open tickets under SLA.

        Every ticket that can still escalate is scanned, by id, ``limit`` at
        a time: escalated tickets (priority 3) never hide the others.
        Idempotent: applied levels are recorded on the ticket and never run
        again; tickets being escalated by a concurrent run are skipped
        (``FOR UPDATE SKIP LOCKED``); each ticket runs in a savepoint.

        :returns: the tickets escalated
        """
        Ticket = self.env["helpdesk.ticket"]
        domain = Ticket._oms_escalation_domain()
        escalated = Ticket
        last_id = 0
        while True:
            tickets = Ticket.search(
                expression.AND([domain, [("id", ">", last_id)]]),
                order="id",
                limit=limit,
            )
            if not tickets:
                break
            last_id = tickets.ids[-1]
            escalated |= self._escalate_tickets(tickets, now)
            if not limit or len(tickets) < limit:
                break
        return escalated

    @api.model
    def _escalate_tickets(self, tickets, now):
        """Apply the levels due at ``now`` on the ``tickets`` that no
        concurrent run is escalating.

        :returns: the tickets escalated
        """
        self.env.cr.execute(
            "SELECT id FROM helpdesk_ticket WHERE id IN %s FOR UPDATE SKIP LOCKED",
            (tuple(tickets.ids),),
        )
        claimed = tickets.browse([row[0] for row in self.env.cr.fetchall()])
        escalated = tickets.browse()
        for ticket in claimed:
            # Through the ticket's hooks, which submodules may override.
            levels = ticket._oms_get_due_escalation_levels(now)
            if not levels:
                continue
            try:
                with self.env.cr.savepoint():
                    for level in levels:
                        ticket._oms_apply_escalation_level(level)
                escalated |= ticket
            except Exception as error:  # pylint: disable=broad-except
                # A database conflict is retried as a whole by the cron.
                raise_if_db_conflict(self.env, error)
                _logger.exception("Escalation of ticket %s failed", ticket.number)
                if ticket.sale_order_id:
                    self.env["oms.fallout"]._report(
                        ticket.sale_order_id, "helpdesk_escalation", error
                    )
        return escalated
