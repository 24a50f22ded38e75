# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .oms_kpi_snapshot import MIN_SAMPLE_DEFAULT, MIN_SAMPLE_PARAM


class ResConfigSettings(models.TransientModel):
    """The KPI settings (the other finance settings are in
    ``res_config_settings.py``)."""

    _inherit = "res.config.settings"

    oms_kpi_min_sample = fields.Integer(
        string="KPI Minimum Sample",
        config_parameter=MIN_SAMPLE_PARAM,
        default=MIN_SAMPLE_DEFAULT,
        help="A KPI rate over fewer orders (tickets, responses, shipments) is "
        "shown as not enough data and never breaches a target.",
    )
