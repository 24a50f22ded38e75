# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    oms_kpi = fields.Selection(
        [("csat", "CSAT (1-5)"), ("nps", "NPS (0-10)")],
        string="Service KPI",
        help="The answer to this scale question is the response's CSAT or NPS score.",
    )
