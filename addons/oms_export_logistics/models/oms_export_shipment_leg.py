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

    # BUSINESS METHODS

    @api.model
    def _prepare_planned_vals(self, shipment, item, party, sequence):
        """Values of the leg ``item`` (a matrix item) of ``shipment``."""
        routes = {
            "pre_carriage": (
                shipment.place_receipt or shipment.warehouse_id.partner_id.city,
                shipment.port_loading,
                shipment.transporter_id,
                False,
                shipment.date_cutoff,
            ),
            "main_carriage": (
                shipment.port_loading,
                shipment.port_discharge,
                shipment.shipping_line_id or shipment.forwarder_id,
                shipment.etd,
                shipment.eta,
            ),
            "on_carriage": (
                shipment.port_discharge,
                shipment.place_delivery or shipment.incoterm_place,
                shipment.forwarder_id,
                shipment.eta,
                False,
            ),
        }
        origin, destination, partner, departure, arrival = routes[item]
        return {
            "shipment_id": shipment.id,
            "sequence": sequence,
            "leg_type": item,
            "arranged_by": party,
            "location_from": origin,
            "location_to": destination,
            "partner_id": partner.id if party == "seller" else False,
            "planned_departure": departure,
            "planned_arrival": arrival,
        }

    @api.model
    def _plan_for(self, shipments):
        """Create the legs the incoterm matrix plans and ``shipments`` lack.
        Idempotent: existing legs are kept as they are."""
        vals_list = []
        for shipment in shipments.filtered("incoterm_rule_id"):
            existing = set(shipment.leg_ids.mapped("leg_type"))
            for sequence, (item, party) in enumerate(
                shipment.incoterm_rule_id._get_leg_items(), start=1
            ):
                if item not in existing:
                    vals_list.append(
                        self._prepare_planned_vals(shipment, item, party, sequence * 10)
                    )
        return self.create(vals_list)
