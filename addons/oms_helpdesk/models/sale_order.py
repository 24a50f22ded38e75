# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ticket_ids = fields.One2many("helpdesk.ticket", "sale_order_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    oms_survey_input_ids = fields.One2many(
        "survey.user_input",
        "oms_sale_order_id",
        string="Satisfaction Surveys",
        # Answers are the survey app's: salesmen and stock users without
        # survey rights still read every other field of the document.
        groups="survey.group_survey_user",
    )

    def _compute_ticket_count(self):
        groups = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.ticket_count = groups.get(order, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update(
            domain=[("sale_order_id", "=", self.id)],
            context={
                "default_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    # BUSINESS METHODS: documents named in customers' emails

    @api.model
    def _oms_find_by_reference(self, references, company, limit=None):
        """Orders of ``company`` whose number or customer reference (the
        customer's PO number) is one of ``references``, whoever their
        customer: a ticket is linked to the documents its email names."""
        return self.search(
            [
                ("company_id", "=", company.id),
                "|",
                ("name", "in", references),
                ("client_order_ref", "in", references),
            ],
            limit=limit,
        )

    # BUSINESS METHODS: proactive tickets for orders in critical jeopardy

    def _oms_prepare_jeopardy_ticket_vals(self):
        self.ensure_one()
        category = self.env.ref(
            "oms_helpdesk.helpdesk_ticket_category_delivery_delay",
            raise_if_not_found=False,
        )
        channel = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_other", raise_if_not_found=False
        )
        return {
            "name": self.env._("Order %s at risk: delivery late", self.name),
            "description": Markup("<p>%s</p>")
            % self.env._(
                "Order %(order)s is in critical jeopardy: its delivery is "
                "projected after the promised date %(date)s. Tell the "
                "customer before they call.",
                order=self.name,
                date=self.oms_promised_date or "-",
            ),
            "sale_order_id": self.id,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "company_id": self.company_id.id,
            "category_id": category.id if category else False,
            "channel_id": channel.id if channel else False,
            "priority": "3",
            "oms_proactive": True,
        }

    def _oms_open_jeopardy_tickets(self):
        """Open one proactive ticket per order of ``self`` in critical
        jeopardy that has no open proactive ticket yet (idempotent).

        :returns: the tickets created
        """
        critical = self.filtered(lambda o: o.oms_jeopardy_level == "critical")
        if not critical:
            return self.env["helpdesk.ticket"]
        # The scan runs as a cron or as a salesperson: tickets are opened
        # whatever the helpdesk rights of the user running it.
        tickets = self.env["helpdesk.ticket"].sudo()
        open_tickets = tickets.search(
            [
                ("sale_order_id", "in", critical.ids),
                ("oms_proactive", "=", True),
                ("closed", "=", False),
            ]
        )
        todo = critical - open_tickets.sale_order_id
        created = tickets.create(
            [order._oms_prepare_jeopardy_ticket_vals() for order in todo]
        )
        return created.with_env(self.env)
