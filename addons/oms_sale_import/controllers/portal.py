# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..tools.spreadsheet import MAX_FILE_BYTES

# Session key of the message shown once on the upload page (server-made
# text: nothing from the query string is rendered).
MESSAGE_SESSION_KEY = "oms_po_upload_message"


class OmsSaleImportPortal(CustomerPortal):
    """Customers upload purchase order files and reorder past orders; both
    arrive as quotations for the back office, through the same rules."""

    @http.route("/my/orders/upload", type="http", auth="user", website=True)
    def oms_po_upload(self, po_file=None, **kw):
        if request.httprequest.method == "POST":
            message = self._oms_handle_upload(po_file)
            request.session[MESSAGE_SESSION_KEY] = message
            return request.redirect("/my/orders/upload")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "oms_po_upload",
                "oms_message": request.session.pop(MESSAGE_SESSION_KEY, None),
            }
        )
        return request.render("oms_sale_import.portal_po_upload", values)

    def _oms_handle_upload(self, po_file):
        """``{"level": ..., "text": ...}`` telling the customer what happened."""
        env = request.env
        if not po_file or not getattr(po_file, "filename", None):
            return {"level": "danger", "text": env._("Choose a file to upload.")}
        filename = po_file.filename
        if not env["sale.order.import"]._oms_import_type_for(filename):
            return {
                "level": "danger",
                "text": env._(
                    "%s is not a purchase order file: upload an XML (UBL), PDF, "
                    "XLSX or CSV file.",
                    filename,
                ),
            }
        content = po_file.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            return {"level": "danger", "text": env._("The file is larger than 5 MB.")}
        partner = env.user.partner_id
        # sudo: portal users have no rights on received POs or the import
        # wizard; the customer is the logged-in user's own company and the
        # file is checked by the import (its buyer must be that company).
        intake = (
            env["oms.po.intake"].sudo()._oms_receive_upload(partner, filename, content)
        )
        if intake.state == "failed":
            return {"level": "danger", "text": intake.error}
        if intake.state == "review":
            return {
                "level": "info",
                "text": env._(
                    "Your purchase order changes order %s: we will review the "
                    "change and confirm it to you.",
                    intake.order_id.name,
                ),
            }
        return {
            "level": "success",
            "text": env._(
                "Your purchase order was received as %s; we will confirm it to you.",
                intake.order_id.name,
            ),
        }

    @http.route(
        "/my/orders/<int:order_id>/oms_reorder",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def oms_reorder(self, order_id, **kw):
        # No access token: only the customer's own users may reorder.
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        commercial = request.env.user.partner_id.commercial_partner_id
        if order_sudo.partner_id.commercial_partner_id != commercial:
            return request.redirect("/my")
        try:
            new_order = order_sudo._oms_portal_reorder()
        except UserError as error:
            request.session[MESSAGE_SESSION_KEY] = {
                "level": "danger",
                "text": error.args[0],
            }
            return request.redirect("/my/orders/upload")
        return request.redirect(new_order.get_portal_url())
