# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsExportShipment(models.Model):
    _inherit = "oms.export.shipment"

    ticket_ids = fields.One2many(
        "helpdesk.ticket", "export_shipment_id", string="Tickets"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        groups = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("export_shipment_id", "in", self.ids)],
                ["export_shipment_id"],
                ["__count"],
            )
        )
        for shipment in self:
            shipment.ticket_count = groups.get(shipment, 0)

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action.update(
            domain=[("export_shipment_id", "=", self.id)],
            context={
                "default_export_shipment_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
            },
        )
        return action

    # BUSINESS METHODS

    @api.model
    def _oms_find_by_reference(self, references, company, limit=None):
        """Shipments of ``company`` named in ``references`` by their
        reference, their bill of lading (or AWB) number or the number of one
        of their containers, whoever their customer: a ticket is linked to
        the documents its email names."""
        company_domain = [("company_id", "=", company.id)]
        shipments = self.search(
            company_domain
            + ["|", ("bl_number", "in", references), ("name", "in", references)],
            limit=limit,
        )
        containers = self.env["oms.export.container"].search(
            company_domain + [("name", "in", references)], limit=limit
        )
        return shipments | containers.shipment_id
