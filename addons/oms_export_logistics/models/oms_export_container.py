# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsExportContainer(models.Model):
    """A container (or other equipment unit) carried on an export shipment."""

    _name = "oms.export.container"
    _description = "Export Container"
    _inherit = ["mail.thread"]
    _order = "shipment_id, id"
    _check_company_auto = True

    name = fields.Char(
        string="Container Number", required=True, index=True, tracking=True
    )
    shipment_id = fields.Many2one(
        "oms.export.shipment",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="shipment_id.company_id", store=True, index=True
    )
