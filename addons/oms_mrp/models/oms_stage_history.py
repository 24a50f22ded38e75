# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .sale_order import ENGINEERING_STAGE, _back_to_validation


class OmsStageHistory(models.Model):
    _inherit = "oms.stage.history"

    stage = fields.Selection(
        selection_add=ENGINEERING_STAGE,
        ondelete={"engineering": _back_to_validation("stage")},
    )
    previous_stage = fields.Selection(
        selection_add=ENGINEERING_STAGE,
        ondelete={"engineering": _back_to_validation("previous_stage")},
    )

    @api.model
    def _oms_get_passed_stages(self, order, previous):
        # The core ranks its own stages: engineering is an approval, ranked
        # as validation; nothing ships while in it.
        if order.oms_stage == "engineering":
            return []
        if previous == "engineering":
            previous = "validation"
        return super()._oms_get_passed_stages(order, previous)
