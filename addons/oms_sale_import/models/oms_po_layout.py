# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Layout field -> what the column holds, for messages.
COLUMN_FIELDS = {
    "col_item_code": "item code",
    "col_quantity": "quantity",
    "col_requested_date": "requested date",
    "col_po_ref": "PO reference",
    "col_ship_to": "ship-to",
    "col_incoterm": "Incoterm",
    "col_incoterm_place": "Incoterm named place",
}


class OmsPoLayout(models.Model):
    """How one customer's spreadsheet purchase orders are laid out: which
    column holds what, by its header text."""

    _name = "oms.po.layout"
    _description = "Customer Purchase Order Layout"
    _order = "partner_id, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    header_row = fields.Integer(
        default=1, required=True, help="Row number of the column headers."
    )
    csv_delimiter = fields.Char(string="CSV Delimiter", default=",", size=1)
    date_format = fields.Char(
        default="%Y-%m-%d",
        required=True,
        help="How dates are written in CSV files (Python strftime codes); "
        "XLSX date cells are read as dates.",
    )
    col_item_code = fields.Char(string="Item Code Column", required=True)
    col_quantity = fields.Char(string="Quantity Column", required=True)
    col_requested_date = fields.Char(string="Requested Date Column")
    col_po_ref = fields.Char(
        string="PO Reference Column",
        help="Empty: the file name (without extension) is the PO reference.",
    )
    col_ship_to = fields.Char(
        string="Ship-to Column",
        help="Matched with the reference or name of the customer's delivery addresses.",
    )
    col_incoterm = fields.Char(string="Incoterm Column")
    col_incoterm_place = fields.Char(string="Incoterm Place Column")

    _sql_constraints = [
        (
            "header_row_positive",
            "CHECK(header_row > 0)",
            "The header row is a row number, 1 or more.",
        )
    ]

    @api.constrains("partner_id", "active", "company_id")
    def _check_one_per_customer(self):
        for layout in self.filtered("active"):
            count = self.search_count(
                [
                    ("partner_id", "=", layout.partner_id.id),
                    ("company_id", "=", layout.company_id.id),
                ]
            )
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%s already has a purchase order layout.",
                        layout.partner_id.display_name,
                    )
                )

    @api.model
    def _oms_get_for_partner(self, partner):
        commercial = partner.commercial_partner_id
        return self.search(
            [
                ("partner_id", "=", commercial.id),
                ("company_id", "in", [False, self.env.company.id]),
            ],
            limit=1,
        )

    def _oms_get_columns(self):
        """``{layout field: lower-case header}`` of the columns set."""
        self.ensure_one()
        return {
            name: self[name].strip().lower()
            for name in COLUMN_FIELDS
            if self[name] and self[name].strip()
        }
