# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# Shipment fields the invoices of the shipment repeat for GST returns.
SHIPPING_BILL_FIELDS = (
    "l10n_in_shipping_bill_number",
    "l10n_in_shipping_bill_date",
    "l10n_in_port_code_id",
)


class OmsExportShipment(models.Model):
    """The shipping bill the CHA files on ICEGATE: its number, date and the
    port code go on the shipment's customer invoices, as l10n_in's GST
    returns read them there."""

    _inherit = "oms.export.shipment"

    l10n_in_fiscal_country_code = fields.Char(
        related="company_id.account_fiscal_country_id.code"
    )
    l10n_in_shipping_bill_number = fields.Char(
        string="Shipping Bill Number", copy=False, tracking=True
    )
    l10n_in_shipping_bill_date = fields.Date(
        string="Shipping Bill Date", copy=False, tracking=True
    )
    l10n_in_port_code_id = fields.Many2one(
        "l10n_in.port.code",
        string="Indian Port Code",
        compute="_compute_l10n_in_port_code_id",
        store=True,
        readonly=False,
        help="Customs port code of the port of loading, as the shipping bill "
        "states it.",
    )

    @api.depends("port_loading_id")
    def _compute_l10n_in_port_code_id(self):
        for shipment in self:
            shipment.l10n_in_port_code_id = (
                shipment.port_loading_id.l10n_in_port_code_id
            )

    def write(self, vals):
        result = super().write(vals)
        # The port of loading (chosen, or named by its text) sets the port code.
        triggers = (*SHIPPING_BILL_FIELDS, "port_loading_id", "port_loading")
        if any(fname in vals for fname in triggers):
            self._l10n_in_sync_invoices()
        return result

    def _l10n_in_get_invoices(self):
        """Draft and posted customer invoices of the shipment's orders, of
        companies on the Indian localisation."""
        return self.sale_order_ids.invoice_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state in ("draft", "posted")
                and m.country_code == "IN"
            )
        )

    def _l10n_in_prepare_invoice_values(self):
        self.ensure_one()
        return {
            "l10n_in_shipping_bill_number": self.l10n_in_shipping_bill_number,
            "l10n_in_shipping_bill_date": self.l10n_in_shipping_bill_date,
            "l10n_in_shipping_port_code_id": self.l10n_in_port_code_id.id,
        }

    def _l10n_in_sync_invoices(self):
        # No sudo: who may edit a shipment (OMS users) invoices too, and the
        # invoices' own access rules apply.
        for shipment in self.filtered("l10n_in_shipping_bill_number"):
            invoices = shipment._l10n_in_get_invoices()
            if invoices:
                invoices.write(shipment._l10n_in_prepare_invoice_values())
