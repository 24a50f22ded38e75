# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import os

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.spreadsheet import SpreadsheetError, read_rows
from .oms_po_layout import COLUMN_FIELDS

# Faulty lines listed in full in a refusal; the rest are counted.
MAX_LISTED_ERRORS = 30
# Order-level columns: every row must agree on them.
REQUIRED_COLUMNS = ("col_item_code", "col_quantity")
ORDER_COLUMNS = ("col_po_ref", "col_ship_to", "col_incoterm", "col_incoterm_place")


class OmsPoSpreadsheetParser(models.AbstractModel):
    """Turns a customer's XLSX/CSV purchase order into the ``parsed_order``
    dict of OCA ``sale_order_import``, with the customer's layout.

    Every line is checked before anything is created; faulty lines are
    listed with their row number and reason.
    """

    _name = "oms.po.spreadsheet.parser"
    _description = "Spreadsheet Purchase Order Parser"

    @api.model
    def _parse(self, partner, filename, content, file_type, skip_error_lines=False):
        if not partner:
            raise UserError(
                self.env._(
                    "Choose the customer: spreadsheet purchase orders are read "
                    "with the customer's layout."
                )
            )
        layout = self.env["oms.po.layout"]._oms_get_for_partner(partner)
        if not layout:
            raise UserError(
                self.env._(
                    "%s has no purchase order layout: define one under "
                    "Order Management > Configuration > PO Layouts.",
                    partner.commercial_partner_id.display_name,
                )
            )
        try:
            headers, rows = read_rows(
                content, file_type, layout.header_row, layout.csv_delimiter
            )
        except SpreadsheetError as exc:
            raise UserError(
                self.env._(
                    "The file %(file)s cannot be imported: %(reason)s.",
                    file=filename,
                    reason=str(exc),
                )
            ) from exc
        columns = self._check_columns(layout._oms_get_columns(), headers, filename)
        values, line_errors = self._read_lines(partner, layout, columns, rows)
        order_values = self._read_order_values(partner, columns, rows, filename)
        if line_errors and (not skip_error_lines or not values):
            raise UserError(self._format_errors(filename, line_errors, len(rows)))
        return self._prepare_parsed_order(
            partner, filename, order_values, values, line_errors
        )

    @api.model
    def _check_columns(self, columns, headers, filename):
        """Item code and quantity columns must be there; the others are read
        when the file has them. :returns: the columns the file has"""
        missing = [
            f"{COLUMN_FIELDS[name]} ({columns[name]})"
            for name in REQUIRED_COLUMNS
            if columns[name] not in headers
        ]
        if missing:
            raise UserError(
                self.env._(
                    "The file %(file)s lacks the columns of the customer's "
                    "layout: %(columns)s.",
                    file=filename,
                    columns=", ".join(missing),
                )
            )
        return {name: header for name, header in columns.items() if header in headers}

    @api.model
    def _cell_text(self, value):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    @api.model
    def _cell_number(self, value):
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return float(value)
        try:
            return float(str(value).strip().replace(",", "."))
        except ValueError:
            return None

    @api.model
    def _cell_date(self, value, date_format):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.datetime.strptime(str(value).strip(), date_format).date()
        except ValueError:
            return None

    @api.model
    def _read_lines(self, partner, layout, columns, rows):
        """``(line values, [(row number, reason, values)])``"""
        code_col, qty_col = columns["col_item_code"], columns["col_quantity"]
        date_col = columns.get("col_requested_date")
        products = self.env["oms.customer.product.code"]._oms_products_by_code(
            partner, {self._cell_text(row.get(code_col)) for _n, row in rows}
        )
        today = fields.Date.context_today(self)
        lines, errors = [], []
        for number, row in rows:
            reasons = []
            code = self._cell_text(row.get(code_col))
            raw_qty = row.get(qty_col)
            if any(
                isinstance(cell, str) and cell.startswith("=") for cell in row.values()
            ):
                reasons.append(self.env._("formulas are not accepted"))
            product = products.get(code)
            if not code:
                reasons.append(self.env._("the item code is empty"))
            elif not product:
                reasons.append(self.env._("unknown item code %s", code))
            qty = self._cell_number(raw_qty)
            if qty is None:
                reasons.append(
                    self.env._(
                        "the quantity %s is not a number", self._cell_text(raw_qty)
                    )
                )
            elif qty <= 0:
                reasons.append(self.env._("the quantity must be more than 0"))
            requested = False
            if date_col and row.get(date_col) not in (None, ""):
                requested = self._cell_date(row[date_col], layout.date_format)
                if requested is None:
                    reasons.append(
                        self.env._(
                            "the requested date %s is not a date",
                            self._cell_text(row[date_col]),
                        )
                    )
                elif requested < today:
                    reasons.append(
                        self.env._("the requested date %s is in the past", requested)
                    )
            if reasons:
                errors.append(
                    (
                        number,
                        "; ".join(reasons),
                        {"item code": code, "quantity": raw_qty},
                    )
                )
                continue
            lines.append(
                {
                    "product": {"recordset": product},
                    "qty": qty,
                    "uom": {"recordset": product.uom_id},
                    "oms_requested_date": requested,
                }
            )
        return lines, errors

    @api.model
    def _read_order_values(self, partner, columns, rows, filename):
        """PO reference, ship-to and Incoterm, which all rows must share."""
        values = {}
        for name in ORDER_COLUMNS:
            header = columns.get(name)
            found = {self._cell_text(row.get(header)) for _n, row in rows} - {""}
            if len(found) > 1:
                raise UserError(
                    self.env._(
                        "The rows of %(file)s disagree on the %(what)s: %(values)s.",
                        file=filename,
                        what=COLUMN_FIELDS[name],
                        values=", ".join(sorted(found)),
                    )
                )
            values[name] = found.pop() if found else False
        if not values["col_po_ref"]:
            values["col_po_ref"] = os.path.splitext(os.path.basename(filename))[0]
        return values

    @api.model
    def _match_ship_to(self, partner, ship_to):
        commercial = partner.commercial_partner_id
        address = self.env["res.partner"].search(
            [
                ("id", "child_of", commercial.id),
                ("type", "=", "delivery"),
                "|",
                ("ref", "=", ship_to),
                ("name", "=ilike", ship_to),
            ],
            limit=1,
        )
        if not address:
            raise UserError(
                self.env._(
                    "The ship-to %(ship_to)s is not a delivery address of %(partner)s.",
                    ship_to=ship_to,
                    partner=commercial.display_name,
                )
            )
        return address

    @api.model
    def _match_incoterm(self, code):
        incoterm = self.env["account.incoterms"].search(
            [("code", "=ilike", code)], limit=1
        )
        if not incoterm:
            raise UserError(self.env._("The Incoterm %s is not known.", code))
        return incoterm

    @api.model
    def _prepare_parsed_order(self, partner, filename, order_values, lines, errors):
        delivery = {}
        if order_values["col_ship_to"]:
            delivery["partner_shipping_id"] = self._match_ship_to(
                partner, order_values["col_ship_to"]
            ).id
        if order_values["col_incoterm"]:
            delivery["incoterm"] = self._match_incoterm(order_values["col_incoterm"]).id
        if order_values["col_incoterm_place"]:
            delivery["incoterm_location"] = order_values["col_incoterm_place"]
        requested = [line["oms_requested_date"] for line in lines]
        if all(requested):
            # The order is delivered complete by the latest date asked.
            delivery["commitment_date"] = fields.Datetime.to_datetime(max(requested))
        return {
            "partner": {"recordset": partner},
            "currency": {"recordset": partner.property_product_pricelist.currency_id},
            "order_ref": order_values["col_po_ref"],
            "doc_type": "order",
            "lines": lines,
            "delivery_detail": delivery,
            "chatter_msg": [],
            "error_lines": [
                {
                    "values": {"line": number, **values},
                    "error_msg": reason,
                }
                for number, reason, values in errors
            ],
        }

    @api.model
    def _format_errors(self, filename, errors, total):
        listed = [
            self.env._("line %(line)s: %(reason)s", line=number, reason=reason)
            for number, reason, _values in errors[:MAX_LISTED_ERRORS]
        ]
        if len(errors) > MAX_LISTED_ERRORS:
            listed.append(
                self.env._(
                    "... and %s more faulty lines", len(errors) - MAX_LISTED_ERRORS
                )
            )
        return self.env._(
            "Nothing was imported: %(count)s of the %(total)s lines of %(file)s "
            "are faulty. Fix them, or import the valid lines only "
            "(Skip Error Lines).\n%(lines)s",
            count=len(errors),
            total=total,
            file=filename,
            lines="\n".join(listed),
        )
