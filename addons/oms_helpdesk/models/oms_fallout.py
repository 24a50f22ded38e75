# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    step = fields.Selection(
        selection_add=[
            ("helpdesk_escalation", "Ticket escalation"),
            ("helpdesk_survey", "Satisfaction survey"),
        ],
        ondelete={"helpdesk_escalation": "cascade", "helpdesk_survey": "cascade"},
    )

    def _retry_helpdesk_escalation(self):
        """:returns: whether the order's tickets escalated without error"""
        tickets = self.env["helpdesk.ticket"].search(
            [("sale_order_id", "in", self.order_id.ids)]
        )
        tickets._cron_oms_escalate()
        return True

    def _retry_helpdesk_survey(self):
        """:returns: whether the order's surveys went out"""
        pickings = self.order_id.picking_ids
        pickings._oms_send_satisfaction_surveys()
        return True
