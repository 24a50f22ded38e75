# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class OmsSatisfactionReport(models.Model):
    """One row per answered KPI of a delivery survey: a response that scored
    both CSAT and NPS gives two rows. A graph view shows one measure, so the
    KPI is a dimension here: grouped by date and KPI, one chart shows the CSAT
    (% satisfied) and the NPS side by side, over time.

    The score of a row is that of ``survey.user_input``: 100/0 satisfied for
    CSAT, 100/0/-100 promoter/passive/detractor for NPS, averaged."""

    _name = "oms.satisfaction.report"
    _description = "Satisfaction Scores (CSAT, NPS)"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "user_input_id"

    user_input_id = fields.Many2one(
        "survey.user_input", string="Survey Response", readonly=True
    )
    date = fields.Datetime(string="Answered On", readonly=True)
    kpi = fields.Selection(
        [("csat", "CSAT (% satisfied)"), ("nps", "NPS")], string="KPI", readonly=True
    )
    score = fields.Float(aggregator="avg", readonly=True)
    sale_order_id = fields.Many2one("sale.order", string="Sales Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def _query(self):
        # One row per KPI the customer answered (a skipped question gives
        # none: its stored score is 0, which would drag the average). The
        # answer date is when the survey was finished; a response scored by
        # other means (demo, import) falls back to its creation.
        return SQL(
            """
            SELECT ui.id * 2 + (answered.kpi = 'nps')::int AS id,
                   ui.id AS user_input_id,
                   COALESCE(ui.end_datetime, ui.create_date) AS date,
                   answered.kpi,
                   CASE answered.kpi
                        WHEN 'csat' THEN ui.oms_csat_satisfied
                        ELSE ui.oms_nps_points
                   END AS score,
                   so.id AS sale_order_id, so.partner_id, so.company_id
              FROM survey_user_input ui
              JOIN sale_order so ON so.id = ui.oms_sale_order_id
              JOIN (
                   SELECT DISTINCT line.user_input_id, q.oms_kpi AS kpi
                     FROM survey_user_input_line line
                     JOIN survey_question q ON q.id = line.question_id
                    WHERE q.oms_kpi IN ('csat', 'nps')
                      AND line.answer_type = 'scale'
                      AND NOT COALESCE(line.skipped, FALSE)
                   ) answered ON answered.user_input_id = ui.id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
