# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockQuantPackage(models.Model):
    """A package of the delivery's packing as the export documents print
    it: the container it is stuffed in, its net content and its volume.
    The gross weight is Odoo's ``shipping_weight``, the dimensions and the
    empty weight come from its ``package_type_id``."""

    _inherit = "stock.quant.package"

    oms_container_id = fields.Many2one(
        "oms.export.container",
        string="Export Container",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    oms_shipment_id = fields.Many2one(
        "oms.export.shipment",
        string="Export Shipment",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="Shipment of a package packed outside a delivery and a "
        "container (air freight, loose cargo).",
    )
    oms_net_weight = fields.Float(
        string="Net Weight (kg)",
        compute="_compute_oms_net_weight",
        store=True,
        readonly=False,
        digits="Stock Weight",
        help="Weight of the goods in the package, without packing: from its "
        "content, adjustable by hand.",
    )
    oms_volume = fields.Float(
        string="Volume (m³)",
        compute="_compute_oms_volume",
        digits="Volume",
        help="Outer volume from the package type's dimensions.",
    )

    @api.depends("quant_ids.quantity", "quant_ids.product_id.weight")
    def _compute_oms_net_weight(self):
        for package in self:
            package.oms_net_weight = sum(
                quant.product_id.weight * quant.quantity for quant in package.quant_ids
            )

    @api.depends(
        "package_type_id.packaging_length",
        "package_type_id.width",
        "package_type_id.height",
    )
    def _compute_oms_volume(self):
        # Package type dimensions are in the database's length unit.
        uom = self.env["product.template"]._get_length_uom_id_from_ir_config_parameter()
        meter = self.env.ref("uom.product_uom_meter")
        for package in self:
            ptype = package.package_type_id
            sides = [
                uom._compute_quantity(side, meter, round=False)
                for side in (ptype.packaging_length, ptype.width, ptype.height)
            ]
            package.oms_volume = sides[0] * sides[1] * sides[2]
