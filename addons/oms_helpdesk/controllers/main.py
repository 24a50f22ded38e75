# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class OmsHelpdeskTicketController(HelpdeskTicketController):
    @http.route()
    def support_ticket_close(self, **kw):
        """helpdesk_mgmt closes the ticket it finds by id with sudo: any
        portal user could close any ticket. Only a user who may access the
        ticket closes it; anyone else gets a 404, as for a ticket that does
        not exist."""
        try:
            ticket_id = int(kw.get("ticket_id") or 0)
        except ValueError:
            raise request.not_found() from None
        if not self._oms_ticket_closable(ticket_id):
            raise request.not_found()
        return super().support_ticket_close(**kw)

    def _oms_ticket_closable(self, ticket_id):
        """Whether the current user may close ticket ``ticket_id``: a portal
        customer their own account's tickets, an employee the tickets they
        may edit."""
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)
        user = request.env.user
        try:
            if not ticket.exists():
                return False
            if not user.share:
                ticket.check_access("write")
                return True
            ticket.check_access("read")
        except (AccessError, MissingError):
            return False
        customer = user.partner_id.commercial_partner_id
        return ticket.partner_id.commercial_partner_id == customer
