# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """helpdesk_mgmt's portal and ticket settings, read by the helpdesk only:
    fetched together when a ticket needs them, not with the company at every
    step of every order (the company is read in all of them)."""

    _inherit = "res.company"

    helpdesk_mgmt_portal_select_team = fields.Boolean(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_portal_team_id_required = fields.Boolean(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_portal_select_category = fields.Boolean(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_portal_category_id_required = fields.Boolean(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_duplicate_tracking = fields.Boolean(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_duplicate_ticket_stage_id = fields.Many2one(prefetch="helpdesk_mgmt")
    helpdesk_mgmt_ticket_auto_assign = fields.Boolean(prefetch="helpdesk_mgmt")
