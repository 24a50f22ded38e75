# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# (port record field, the text documents print)
PORT_FIELDS = (
    ("port_loading_id", "port_loading"),
    ("port_discharge_id", "port_discharge"),
)


class OmsExportShipment(models.Model):
    """Ports of a shipment as UN/LOCODE records. The texts documents, facts
    and the credit examiner read stay: they follow the records and may be
    overwritten as the transport document words them."""

    _inherit = "oms.export.shipment"

    port_loading_id = fields.Many2one(
        "oms.port", string="Port of Loading", tracking=True, index="btree_not_null"
    )
    port_discharge_id = fields.Many2one(
        "oms.port", string="Port of Discharge", tracking=True, index="btree_not_null"
    )
    port_loading = fields.Char(
        string="Port of Loading as Printed",
        compute="_compute_port_loading",
        inverse="_inverse_port_texts",
        store=True,
        readonly=False,
        precompute=True,
        help="UN/LOCODE and name, e.g. INNSA (Nhava Sheva): follows the port; "
        "overwrite it as the transport document words it.",
    )
    port_discharge = fields.Char(
        string="Port of Discharge as Printed",
        compute="_compute_port_discharge",
        inverse="_inverse_port_texts",
        store=True,
        readonly=False,
        precompute=True,
        help="UN/LOCODE and name, e.g. DEHAM (Hamburg): follows the port; "
        "overwrite it as the transport document words it.",
    )

    # One compute per text: choosing one port must not reword the other.
    @api.depends("port_loading_id")
    def _compute_port_loading(self):
        for shipment in self:
            shipment.port_loading = shipment.port_loading_id.display_name or False

    @api.depends("port_discharge_id")
    def _compute_port_discharge(self):
        for shipment in self:
            shipment.port_discharge = shipment.port_discharge_id.display_name or False

    def _inverse_port_texts(self):
        """A text naming a known port (by code or name) links that port, so
        records written as text (imports, RPC, older clients) get ports."""
        texts = {s[f] for s in self for _p, f in PORT_FIELDS}
        found = self.env["oms.port"]._oms_find_by_text(texts)
        for shipment in self:
            for port_fname, text_fname in PORT_FIELDS:
                port = found.get(shipment[text_fname])
                if port and shipment[port_fname] != port:
                    shipment[port_fname] = port
