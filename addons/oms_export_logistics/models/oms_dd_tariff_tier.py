# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsDdTariffTier(models.Model):
    """A day band of a D&D tariff: chargeable days ``from_day`` to
    ``to_day`` (0: open-ended) cost ``rate`` per day."""

    _name = "oms.dd.tariff.tier"
    _description = "Demurrage and Detention Tariff Tier"
    _order = "tariff_id, from_day"

    tariff_id = fields.Many2one(
        "oms.dd.tariff", required=True, ondelete="cascade", index=True
    )
    from_day = fields.Integer(required=True, default=1)
    to_day = fields.Integer(help="Last chargeable day of the tier; 0: open-ended.")
    rate = fields.Monetary(string="Rate per Day", required=True)
    currency_id = fields.Many2one(related="tariff_id.currency_id")

    @api.constrains("from_day", "to_day", "rate")
    def _check_tariff_tiers(self):
        # Tiers edited on their own (import, API) are checked like the form.
        self.tariff_id._check_tiers()

    def unlink(self):
        # A tariff keeps at least one tier, whoever removes them.
        tariffs = self.tariff_id
        res = super().unlink()
        if not self.env.context.get("oms_dd_tariff_tier_write"):
            tariffs.exists()._check_has_tiers()
            tariffs.exists()._check_tiers()
        return res
