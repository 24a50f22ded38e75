# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.queue_job.job import identity_exact


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oms_jeopardy_scan_batch(self, today):
        """After the scan sets the levels, orders now in critical jeopardy
        get a proactive ticket.

        Tickets are opened by a queued job: opening a ticket is per-record
        work (sequence, followers, routing, SLA) that must neither make the
        scan's queries grow with the lines nor roll back a scan batch when it
        fails. The job is idempotent, and so is its identity key."""
        result = super()._oms_jeopardy_scan_batch(today)
        critical = self.order_id.filtered(
            lambda order: order.oms_jeopardy_level == "critical"
        )
        if critical:
            critical.with_delay(
                identity_key=identity_exact,
                description=self.env._("Open proactive jeopardy tickets"),
            )._oms_open_jeopardy_tickets()
        return result
