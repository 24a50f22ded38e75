# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsLcPresentation(models.Model):
    """A dispatch of a shipment's documents to the bank under a letter of
    credit, followed from courier to payment."""

    _name = "oms.lc.presentation"
    _description = "Letter of Credit Bank Submission"
    _inherit = ["mail.thread"]
    _order = "sent_date desc, id desc"
    _check_company_auto = True

    letter_credit_id = fields.Many2one(
        "oms.letter.credit",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="shipment_id.company_id", store=True, index=True
    )
    bank_id = fields.Many2one("res.partner", string="Bank", required=True)
    courier_reference = fields.Char(tracking=True)
    sent_date = fields.Date(required=True, default=fields.Date.context_today)
    accepted_date = fields.Date(tracking=True)
    maturity_date = fields.Date(tracking=True)
    paid_date = fields.Date(tracking=True)
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="letter_credit_id.currency_id")
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("accepted", "Accepted"),
            ("paid", "Paid"),
            ("refused", "Refused"),
        ],
        default="sent",
        required=True,
        tracking=True,
    )

    @api.constrains("sent_date", "accepted_date", "maturity_date", "paid_date")
    def _check_dates(self):
        for presentation in self:
            dates = [
                presentation.sent_date,
                presentation.accepted_date,
                presentation.paid_date,
            ]
            known = [date for date in dates if date]
            if known != sorted(known) or (
                presentation.maturity_date
                and presentation.accepted_date
                and presentation.maturity_date < presentation.accepted_date
            ):
                raise ValidationError(
                    self.env._(
                        "Bank submission of %s: dates out of order (sent, "
                        "accepted, maturity, paid).",
                        presentation.shipment_id.name,
                    )
                )

    def action_accept(self):
        self.write(
            {"state": "accepted", "accepted_date": fields.Date.context_today(self)}
        )
        return True

    def action_paid(self):
        self.write({"state": "paid", "paid_date": fields.Date.context_today(self)})
        self.letter_credit_id.filtered(lambda c: c.state == "open").state = "utilised"
        return True
