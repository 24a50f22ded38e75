# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# Session key of the message shown once on the shipment page after a refused
# upload or action (server-made text: nothing from the query string).
ERROR_SESSION_KEY = "oms_export_portal_error"


class ExportShipmentPortal(CustomerPortal):
    """Shipments and tasks of a CHA, transporter, forwarder or bank: record
    rules limit what the portal user reads to the shipments they work on."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "oms_shipment_count" in counters:
            Shipment = request.env["oms.export.shipment"]
            values["oms_shipment_count"] = (
                Shipment.search_count([]) if Shipment.has_access("read") else 0
            )
        return values

    def _oms_get_shipment(self, shipment_id, access_token=None):
        try:
            return self._document_check_access(
                "oms.export.shipment", shipment_id, access_token
            )
        except (AccessError, MissingError):
            return None

    def _oms_get_party_tasks(self, shipment_sudo):
        """The tasks of the shipment the portal user may read (their own)."""
        return request.env["oms.export.task"].search(
            [("shipment_id", "=", shipment_sudo.id)]
        )

    def _oms_get_party_documents(self, shipment_sudo):
        """The prepared documents of the shipment that the portal user's own
        open or done tasks grant them (see ``document_type_ids`` of the task
        type), and no other."""
        tasks = self._oms_get_party_tasks(shipment_sudo)
        # The record rules chose the user's tasks above; sudo only reads the
        # grants of their types and the documents, which a party may not
        # read, and returns nothing the tasks do not grant.
        return (
            request.env["oms.export.document"]
            .sudo()
            ._oms_get_portal_documents(tasks.sudo())
        )

    def _oms_redirect_error(self, shipment_id, message):
        request.session[ERROR_SESSION_KEY] = message
        return request.redirect(f"/my/shipments/{shipment_id}")

    @http.route(
        ["/my/shipments", "/my/shipments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_shipments(self, page=1, **kw):
        Shipment = request.env["oms.export.shipment"]
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/shipments",
            total=Shipment.search_count([]),
            page=page,
            step=self._items_per_page,
        )
        shipments = Shipment.search(
            [], limit=self._items_per_page, offset=pager["offset"]
        )
        values.update(
            {
                # The record rules chose the shipments; sudo only reads the
                # customer and port names the portal user cannot read.
                "shipments": shipments.sudo(),
                "page_name": "oms_shipment",
                "pager": pager,
                "default_url": "/my/shipments",
            }
        )
        return request.render("oms_export_logistics.portal_my_shipments", values)

    @http.route(
        ["/my/shipments/<int:shipment_id>"], type="http", auth="user", website=True
    )
    def portal_my_shipment(self, shipment_id, access_token=None, **kw):
        shipment_sudo = self._oms_get_shipment(shipment_id, access_token)
        if shipment_sudo is None:
            # Not theirs: no page, and no message left for a later one.
            request.session.pop(ERROR_SESSION_KEY, None)
            return request.redirect("/my")
        values = self._get_page_view_values(
            shipment_sudo, access_token, {}, "my_shipments_history", False
        )
        values.update(
            {
                "shipment": shipment_sudo,
                # Rules chose the user's own tasks; sudo reads their fields
                # (the page shows no task type but through these tasks).
                "tasks": self._oms_get_party_tasks(shipment_sudo).sudo(),
                "documents": self._oms_get_party_documents(shipment_sudo),
                "page_name": "oms_shipment",
                "oms_error": request.session.pop(ERROR_SESSION_KEY, None),
            }
        )
        return request.render("oms_export_logistics.portal_my_shipment", values)

    @http.route(
        ["/my/shipments/<int:shipment_id>/documents/<int:document_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_shipment_document(self, shipment_id, document_id, **kw):
        """Download a document the user's tasks on the shipment grant; any
        other shipment, document or type is not found (no hint it exists)."""
        # No access token: only the parties' own tasks grant documents.
        shipment_sudo = self._oms_get_shipment(shipment_id)
        if shipment_sudo is None:
            raise request.not_found()
        document = self._oms_get_party_documents(shipment_sudo).filtered(
            lambda d: d.id == document_id
        )
        if not document:
            raise request.not_found()
        # Granted above; the party reads no attachment of a shipment itself.
        stream = request.env["ir.binary"]._get_stream_from(
            document.attachment_id.sudo()
        )
        return stream.get_response(as_attachment=True)

    def _oms_get_task(self, shipment_id, task_id):
        """The portal user's own task of the shipment, or None."""
        task = request.env["oms.export.task"].browse(task_id).exists()
        try:
            task.check_access("read")
        except AccessError:
            return None
        if not task or task.shipment_id.id != shipment_id:
            return None
        return task

    @http.route(
        ["/my/shipments/<int:shipment_id>/tasks/<int:task_id>/done"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_task_done(self, shipment_id, task_id, **kw):
        task = self._oms_get_task(shipment_id, task_id)
        if task is None:
            return self._oms_redirect_error(
                shipment_id, request.env._("This task is not yours.")
            )
        # Portal users only read tasks: marking done goes through the
        # access check above, then writes as superuser.
        try:
            task.sudo()._oms_mark_done()
        except UserError as error:
            return self._oms_redirect_error(shipment_id, error.args[0])
        return request.redirect(f"/my/shipments/{shipment_id}")

    @http.route(
        ["/my/shipments/<int:shipment_id>/tasks/<int:task_id>/upload"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_task_upload(self, shipment_id, task_id, attachment=None, **kw):
        task = self._oms_get_task(shipment_id, task_id)
        if task is None:
            return self._oms_redirect_error(
                shipment_id, request.env._("This task is not yours.")
            )
        if not attachment or not getattr(attachment, "filename", None):
            return self._oms_redirect_error(
                shipment_id, request.env._("Choose a file to upload.")
            )
        # Read one byte over the limit at most: the check refuses it.
        max_bytes = task._oms_get_upload_max_bytes()
        content = attachment.read(max_bytes + 1)
        # Same as above: the portal user may read the task, the attachment
        # is stored by the superuser on their behalf once the task is open
        # and the file accepted.
        try:
            task.sudo()._oms_portal_add_document(
                attachment.filename, content, author=request.env.user.partner_id
            )
        except UserError as error:
            return self._oms_redirect_error(shipment_id, error.args[0])
        return request.redirect(f"/my/shipments/{shipment_id}")
