# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    step = fields.Selection(
        selection_add=[("cash_application", "Cash Application")],
        ondelete={"cash_application": "cascade"},
    )

    def _retry_cash_application(self):
        """:returns: whether the order's failed receipts now went through"""
        applications = self.env["oms.cash.application"].search(
            [("order_id", "in", self.order_id.ids), ("state", "=", "error")]
        )
        applications._run_sources()
        return not applications.filtered(lambda a: a.state == "error")
