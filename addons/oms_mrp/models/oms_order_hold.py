# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmsOrderHold(models.Model):
    _inherit = "oms.order.hold"

    @api.model
    def _oms_get_engineering_reason(self):
        return self.env.ref("oms_mrp.oms_reason_hold_engineering")

    def _oms_close(self, state, comment, automatic=False):
        # Releasing the engineering hold is the approval of the design: it
        # is recorded on the lines (who, when, which BoM) before the release
        # launches their procurement, which creates the manufacturing orders.
        # A cancelled engineering hold approves nothing: the lines stay
        # pending and out of the plant.
        if state == "released":
            reason = self._oms_get_engineering_reason()
            engineering = self._oms_lock().filtered(
                lambda hold: hold.state == "active" and hold.reason_id == reason
            )
            engineering.order_id.order_line.filtered(
                lambda line: line.oms_eng_state == "pending"
            )._oms_record_approval()
        return super()._oms_close(state, comment, automatic=automatic)
