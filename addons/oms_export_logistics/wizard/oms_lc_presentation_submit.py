# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsLcPresentationSubmit(models.TransientModel):
    """Submit a shipment's documents to the bank under its letter of credit:
    the courier reference and dispatch date of the parcel."""

    _name = "oms.lc.presentation.submit"
    _description = "Submit Documents to the Bank"

    shipment_id = fields.Many2one("oms.export.shipment", required=True)
    letter_credit_id = fields.Many2one(related="shipment_id.letter_credit_id")
    courier_reference = fields.Char()
    sent_date = fields.Date(required=True, default=fields.Date.context_today)

    def action_submit(self):
        self.ensure_one()
        self.shipment_id._submit_to_bank(
            courier_reference=self.courier_reference, sent_date=self.sent_date
        )
        # Back to the shipment: its Bank submissions tab shows the dispatch.
        return {"type": "ir.actions.act_window_close"}
