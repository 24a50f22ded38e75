# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsLcPresentationSubmit(models.TransientModel):
    """Submit a shipment's documents to the bank under its letter of credit:
    the courier reference and dispatch date of the parcel, the day the bank
    receives it, and what the bank would find wrong in the documents on that
    day. Documents with discrepancies are sent only on purpose, with a
    comment (asking the applicant to waive them)."""

    _name = "oms.lc.presentation.submit"
    _description = "Submit Documents to the Bank"

    shipment_id = fields.Many2one("oms.export.shipment", required=True)
    letter_credit_id = fields.Many2one(related="shipment_id.letter_credit_id")
    courier_reference = fields.Char()
    sent_date = fields.Date(required=True, default=fields.Date.context_today)
    presentation_date = fields.Date(
        string="Received by the Bank On",
        compute="_compute_presentation_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        help="The deadlines are judged on the day the bank receives the "
        "documents (UCP 600 art. 14 c, 6 d).",
    )
    discrepancies = fields.Text(compute="_compute_discrepancies")
    has_discrepancies = fields.Boolean(compute="_compute_discrepancies")
    send_with_discrepancies = fields.Boolean()
    discrepancy_comment = fields.Text(
        help="Why the documents go with their discrepancies, e.g. the "
        "applicant agreed to waive them."
    )

    @api.depends("sent_date")
    def _compute_presentation_date(self):
        for wizard in self:
            wizard.presentation_date = wizard.sent_date

    @api.depends("shipment_id", "presentation_date")
    def _compute_discrepancies(self):
        Examination = self.env["oms.lc.examination"]
        for wizard in self:
            credit = wizard.letter_credit_id
            lines = []
            if credit and wizard.presentation_date:
                lines = Examination._format_discrepancies(
                    Examination._examine_shipment(
                        credit, wizard.shipment_id, wizard.presentation_date
                    )
                )
            wizard.has_discrepancies = bool(lines)
            wizard.discrepancies = "\n".join(lines)

    def action_submit(self):
        self.ensure_one()
        self.env["oms.lc.presentation"]._submit(
            self.shipment_id,
            courier_reference=self.courier_reference,
            sent_date=self.sent_date,
            presentation_date=self.presentation_date,
            discrepancy_comment=self.send_with_discrepancies
            and self.discrepancy_comment,
        )
        # Back to the shipment: its Bank submissions tab shows the dispatch.
        return {"type": "ir.actions.act_window_close"}
