# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .oms_incoterm_rule import MATRIX_ITEMS, PARTY


class OmsExportShipmentLeg(models.Model):
    """A carriage leg of a shipment, planned from the incoterm matrix: who
    arranges it, who carries it, planned and actual departure and arrival."""

    _name = "oms.export.shipment.leg"
    _description = "Export Shipment Leg"
    _order = "shipment_id, sequence, id"
    _check_company_auto = True

    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="shipment_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    leg_type = fields.Selection(
        [(item, label) for item, label in MATRIX_ITEMS if item.endswith("carriage")],
        required=True,
    )
    arranged_by = fields.Selection(PARTY, required=True, default="seller")
    location_from = fields.Char(string="From")
    location_to = fields.Char(string="To")
    partner_id = fields.Many2one("res.partner", string="Carrier")
    planned_departure = fields.Datetime()
    planned_arrival = fields.Datetime()
    actual_departure = fields.Datetime()
    actual_arrival = fields.Datetime()

    @api.constrains(
        "planned_departure", "planned_arrival", "actual_departure", "actual_arrival"
    )
    def _check_dates(self):
        for leg in self:
            for departure, arrival in (
                (leg.planned_departure, leg.planned_arrival),
                (leg.actual_departure, leg.actual_arrival),
            ):
                if departure and arrival and arrival < departure:
                    raise ValidationError(
                        self.env._(
                            "Shipment %s: a leg cannot arrive before it departs.",
                            leg.shipment_id.name,
                        )
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_travelled(self):
        """A leg that departed or arrived is history (the shipment's
        cancellation keeps it); only a planned leg may be removed."""
        travelled = self.filtered(
            lambda leg: leg.actual_departure or leg.actual_arrival
        )
        if travelled and not self.env.su:
            raise UserError(
                self.env._(
                    "Shipment %s: a leg that departed or arrived cannot be deleted.",
                    travelled[0].shipment_id.name,
                )
            )
