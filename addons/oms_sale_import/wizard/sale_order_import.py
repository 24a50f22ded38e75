# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
from base64 import b64decode

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

_logger = logging.getLogger(__name__)

# File extension -> import type of the wizard.
IMPORT_TYPES = {".xml": "xml", ".pdf": "pdf", ".xlsx": "xlsx", ".csv": "csv"}
# Line values of a file that the pricelist decides instead.
PRICE_KEYS = ("price_unit", "discount")
SPREADSHEET_MIMETYPES = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    "csv": ("text/csv",),
}


class SaleOrderImport(models.TransientModel):
    """OCA's order import with the OMS on top: customer spreadsheet layouts,
    the capture channel, and duplicate/change detection on the customer PO
    reference for every channel (file, EDI, email, portal)."""

    _inherit = "sale.order.import"

    import_type = fields.Selection(
        selection_add=[("xlsx", "XLSX"), ("csv", "CSV")],
        ondelete={"xlsx": "cascade", "csv": "cascade"},
    )

    # Parsing

    def _get_supported_types(self):
        return {**super()._get_supported_types(), **SPREADSHEET_MIMETYPES}

    @api.model
    def _oms_import_type_for(self, filename):
        """Import type from a file name, ``False`` when not supported."""
        return IMPORT_TYPES.get(os.path.splitext(filename or "")[1].lower(), False)

    def parse_xlsx_order(self, data, detect_doc_type=False):
        return self._oms_parse_spreadsheet(data, "xlsx", detect_doc_type)

    def parse_csv_order(self, data, detect_doc_type=False):
        return self._oms_parse_spreadsheet(data, "csv", detect_doc_type)

    def _oms_parse_spreadsheet(self, data, file_type, detect_doc_type):
        if detect_doc_type:
            return "order"
        return self.env["oms.po.spreadsheet.parser"]._parse(
            self.partner_id,
            self.order_filename,
            data,
            file_type,
            skip_error_lines=self.skip_error_lines,
        )

    @api.model
    def parse_ubl_sale_order_line(self, line, ns):
        res = super().parse_ubl_sale_order_line(line, ns)
        code = line.xpath(
            "cac:LineItem/cac:Item/cac:BuyersItemIdentification/cbc:ID", namespaces=ns
        )
        if code and (code[0].text or "").strip():
            res["oms_buyer_code"] = code[0].text.strip()
        return res

    @api.model
    def parse_ubl_sale_order(self, xml_root):
        """Lines our codes do not match are matched by the customer's own
        item codes (UBL BuyersItemIdentification)."""
        parsed_order = super().parse_ubl_sale_order(xml_root)
        coded = [line for line in parsed_order["lines"] if line.get("oms_buyer_code")]
        if not coded:
            return parsed_order
        bdio = self.env["business.document.import"]
        partner = bdio._match_partner(
            parsed_order["partner"], [], partner_type="customer", raise_exception=False
        )
        found = {}
        if partner:
            found = self.env["oms.customer.product.code"]._oms_products_by_code(
                partner, {line["oms_buyer_code"] for line in coded}
            )
        for line in coded:
            code = line.pop("oms_buyer_code")
            if code in found and not bdio._match_product(
                dict(line["product"]), [], raise_exception=False
            ):
                line["product"] = {"recordset": found[code]}
        return parsed_order

    @api.model
    def _prepare_order(self, parsed_order, price_source):
        # Lines the spreadsheet parser skipped join those OCA skips.
        skipped = parsed_order.pop("error_lines", [])
        so_vals = super()._prepare_order(parsed_order, price_source)
        parsed_order["error_lines"] = skipped + parsed_order.get("error_lines", [])
        return so_vals

    @api.model
    def _prepare_create_order_line(
        self, product, uom, order, import_line, price_source
    ):
        if price_source != "pricelist":
            return super()._prepare_create_order_line(
                product, uom, order, import_line, price_source
            )
        # Odoo 18 computes a line's description, price, discount and taxes
        # from its product, quantity and the order's pricelist when it is
        # created. OCA replays the line onchanges instead, each with the
        # whole order built so far: quadratic on a file of 2,000 lines.
        vals = {
            "product_id": product.id,
            "product_uom_qty": import_line["qty"],
            "product_uom": uom.id,
            "company_id": self._prepare_order_line_get_company_id(order),
        }
        fields = self.env["sale.order.line"]._fields
        for key, value in import_line.items():
            # The file's prices give way to the pricelist.
            if key not in vals and key in fields and key not in PRICE_KEYS:
                vals[key] = value
        vals.update(
            self.env.context.get("sale_order_import__default_vals", {}).get("lines", {})
        )
        return vals

    def _oms_parse(self):
        self.ensure_one()
        parsed_order = self.parse_order(
            b64decode(self.order_file), self.order_filename, self.partner_id
        )
        if not parsed_order.get("lines"):
            raise UserError(
                self.env._("The order in %s has no line.", self.order_filename)
            )
        return parsed_order

    # Capture channel

    def _oms_get_capture_channel(self):
        """Channel of an order imported by this wizard: EDI documents (UBL
        XML, PDF with embedded XML) or customer files."""
        return "edi" if self.import_type in ("xml", "pdf") else "file"

    @api.model
    def create_order(self, parsed_order, price_source, order_filename=None):
        order = super().create_order(parsed_order, price_source, order_filename)
        order._oms_set_capture_channel(self._oms_get_capture_channel())
        return order

    # Duplicate and change detection

    def import_order_button(self):
        self.ensure_one()
        parsed_order = self._oms_parse()
        existing = self._oms_find_existing_order(parsed_order)
        if not existing:
            return self.create_order_return_action(parsed_order, self.order_filename)
        diff = self._oms_compare_with_order(existing, parsed_order)
        self._oms_check_not_duplicate(existing, diff)
        if existing.state in ("draft", "sent"):
            # OCA's own update screen for quotations.
            self.write(
                {
                    "commercial_partner_id": existing.commercial_partner_id.id,
                    "state": "update",
                    "sale_id": existing.id,
                    "doc_type": parsed_order.get("doc_type"),
                }
            )
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "sale_order_import.sale_order_import_action"
            )
            action["res_id"] = self.id
            return action
        change = self._oms_propose_change(existing, diff)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Order %s", existing.name),
            "res_model": "oms.order.change",
            "res_id": change.id,
            "view_mode": "form",
            "target": "new",
        }

    def _oms_find_existing_order(self, parsed_order):
        """The live order of the customer with the same PO reference."""
        if not parsed_order.get("order_ref"):
            return self.env["sale.order"]
        partner = self.env["business.document.import"]._match_partner(
            parsed_order["partner"], [], partner_type="customer"
        )
        return self.env["sale.order"].search(
            self._search_existing_order_domain(
                parsed_order,
                partner.commercial_partner_id,
                [("state", "!=", "cancel")],
            ),
            order="id desc",
            limit=1,
        )

    def _oms_compare_with_order(self, order, parsed_order):
        """What the file changes on ``order``:
        ``{"qty": {line: new qty}, "added": [product], "date": date or None}``
        """
        bdio = self.env["business.document.import"]
        wanted = {}
        for line in parsed_order["lines"]:
            product = bdio._match_product(line["product"], [], seller=False)
            wanted[product] = wanted.get(product, 0.0) + line["qty"]
        changeable = self.env["oms.order.change"]._get_changeable_lines(order)
        qty = {}
        for product, lines in changeable.grouped("product_id").items():
            # A product on several lines: its first line takes the difference.
            others = sum(lines[1:].mapped("product_uom_qty"))
            new_qty = max(wanted.pop(product, 0.0) - others, 0.0)
            if float_compare(
                new_qty,
                lines[0].product_uom_qty,
                precision_rounding=lines[0].product_uom.rounding or 0.01,
            ):
                qty[lines[0]] = new_qty
        new_date = parsed_order.get("delivery_detail", {}).get("commitment_date")
        date = None
        if new_date and (
            not order.commitment_date
            or order.commitment_date.date()
            != fields.Datetime.to_datetime(new_date).date()
        ):
            date = new_date
        return {"qty": qty, "added": list(wanted), "date": date}

    def _oms_check_not_duplicate(self, order, diff):
        if not (diff["qty"] or diff["added"] or diff["date"]):
            raise UserError(
                self.env._(
                    "Order %(order)s already has the customer PO reference "
                    "%(ref)s with the same content: this purchase order was "
                    "already received.",
                    order=order.name,
                    ref=order.client_order_ref,
                )
            )

    def _oms_propose_change(self, order, diff, source=None):
        """An ``oms.order.change`` of ``order`` filled in from the file, for
        a person to check and apply (reason: customer request)."""
        note = self.env._(
            "Change requested by the customer's purchase order %s.",
            source or self.order_filename,
        )
        if diff["added"]:
            note += "\n" + self.env._(
                "Not on the order, to add by hand: %s",
                ", ".join(product.display_name for product in diff["added"]),
            )
        change = (
            self.env["oms.order.change"]
            .with_context(active_id=order.id)
            .create(
                {
                    "order_id": order.id,
                    "reason_id": self.env.ref("oms_core.oms_reason_change_customer").id,
                    "note": note,
                }
            )
        )
        for line in change.line_ids:
            if line.sale_line_id in diff["qty"]:
                line.new_qty = diff["qty"][line.sale_line_id]
        if diff["date"]:
            change.commitment_date = diff["date"]
        return change

    # Headless import (email, portal)

    def _oms_run_import(self, channel):
        """Import without a person at the screen.

        :returns: ``(status, order, message)``; status is ``created``,
            ``updated`` (quotation with the same PO reference) or
            ``change`` (a confirmed order the file would change: for a
            person to review); a duplicate raises ``UserError``.
        """
        self.ensure_one()
        parsed_order = self._oms_parse()
        self._oms_check_sender(parsed_order)
        existing = self._oms_find_existing_order(parsed_order)
        if not existing:
            order = self.create_order(
                parsed_order, self.price_source, self.order_filename
            )
            order._oms_set_capture_channel(channel)
            self._post_error_lines_message(parsed_order, order)
            return "created", order, ""
        diff = self._oms_compare_with_order(existing, parsed_order)
        self._oms_check_not_duplicate(existing, diff)
        if existing.state in ("draft", "sent") and not diff["date"]:
            self.update_order_lines(parsed_order, existing, self.price_source)
            self.env["business.document.import"].post_create_or_update(
                parsed_order, existing
            )
            return "updated", existing, ""
        return "change", existing, self._oms_describe_diff(diff)

    def _oms_check_sender(self, parsed_order):
        """A customer sends its own orders only: the buyer named in an EDI
        document must be the sender's (or uploader's) company."""
        buyer = self.env["business.document.import"]._match_partner(
            parsed_order["partner"], [], partner_type="customer"
        )
        sender = self.partner_id.commercial_partner_id
        if buyer.commercial_partner_id != sender:
            raise UserError(
                self.env._(
                    "The purchase order is for %(buyer)s, not for the sender's "
                    "company %(sender)s.",
                    buyer=buyer.commercial_partner_id.display_name,
                    sender=sender.display_name,
                )
            )

    def _oms_describe_diff(self, diff):
        items = [
            Markup("<li>%s: %s → %s</li>")
            % (line.product_id.display_name, line.product_uom_qty, qty)
            for line, qty in diff["qty"].items()
        ]
        items += [
            Markup("<li>%s: %s</li>") % (product.display_name, self.env._("new"))
            for product in diff["added"]
        ]
        if diff["date"]:
            items.append(
                Markup("<li>%s: %s</li>") % (self.env._("Delivery date"), diff["date"])
            )
        return Markup("<ul>%s</ul>") % Markup().join(items)
