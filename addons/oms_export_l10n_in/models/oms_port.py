# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsPort(models.Model):
    _inherit = "oms.port"

    l10n_in_port_code_id = fields.Many2one(
        "l10n_in.port.code",
        string="Indian Port Code",
        help="The customs port code GST returns report for exports from this "
        "port (INNSA1: Nhava Sheva sea).",
    )

    @api.constrains("l10n_in_port_code_id", "code")
    def _check_l10n_in_port_code_id(self):
        for port in self.filtered("l10n_in_port_code_id"):
            if not port.l10n_in_port_code_id.code.startswith(port.code):
                raise ValidationError(
                    self.env._(
                        "The Indian port code %(port_code)s is not one of %(port)s.",
                        port_code=port.l10n_in_port_code_id.code,
                        port=port.display_name,
                    )
                )
