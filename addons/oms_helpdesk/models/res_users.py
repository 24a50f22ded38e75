# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    """gamification (which survey, behind the satisfaction surveys, depends
    on) gives every user a karma and ranks, read by its own views only:
    fetched together when asked for, not with every read of a user (every
    step of every order reads users)."""

    _inherit = "res.users"

    karma = fields.Integer(prefetch="gamification")
    rank_id = fields.Many2one(prefetch="gamification")
    next_rank_id = fields.Many2one(prefetch="gamification")
