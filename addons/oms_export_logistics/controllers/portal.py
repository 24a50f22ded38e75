# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


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
            return request.redirect("/my")
        values = self._get_page_view_values(
            shipment_sudo, access_token, {}, "my_shipments_history", False
        )
        values.update(
            {
                "shipment": shipment_sudo,
                # Rules chose the user's own tasks; sudo reads their types.
                "tasks": self._oms_get_party_tasks(shipment_sudo).sudo(),
                "page_name": "oms_shipment",
            }
        )
        return request.render("oms_export_logistics.portal_my_shipment", values)

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
            return request.redirect("/my")
        # Portal users only read tasks: marking done goes through the
        # access check above, then writes as superuser.
        task.sudo()._oms_mark_done()
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
        if task is None or not attachment:
            return request.redirect("/my")
        # Same as above: the portal user may read the task, the attachment
        # is stored by the superuser on their behalf.
        task.sudo()._oms_portal_add_document(
            attachment.filename, attachment.read(), author=request.env.user.partner_id
        )
        return request.redirect(f"/my/shipments/{shipment_id}")
