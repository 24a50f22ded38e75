# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsBillPresentation(models.Model):
    """One presentation of an invoice to its customer (email, portal or
    print), kept as an audit trail of who was sent what and when."""

    _name = "oms.bill.presentation"
    _description = "OMS Bill Presentation"
    _order = "sent_on desc, id desc"
    _check_company_auto = True

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    channel = fields.Selection(
        [("email", "Email"), ("portal", "Portal"), ("print", "Print")],
        required=True,
        default="email",
    )
    sent_on = fields.Datetime(default=fields.Datetime.now, required=True)
    recipients = fields.Char()
    mail_template_id = fields.Many2one("mail.template", string="Template")
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, required=True
    )

    @api.model
    def _oms_log(self, moves, channel, template=None):
        return self.sudo().create(
            [
                {
                    "move_id": move.id,
                    "partner_id": move.partner_id.id,
                    "channel": channel,
                    "recipients": move.partner_id.email or False,
                    "mail_template_id": template.id if template else False,
                }
                for move in moves
            ]
        )
