# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmsJeopardyScan(models.Model):
    """The hourly jeopardy scan run by hand ("Run Now", see
    ``oms.scan.run.mixin.action_oms_run_now``)."""

    _inherit = "oms.jeopardy.scan"

    @api.model
    def _oms_get_run_now_labels(self):
        return (
            self.env._("Jeopardy scan run by hand"),
            self.env._("Scan the open order lines"),
        )

    @api.model
    def _oms_run_scheduled(self):
        return self._cron_run()

    def _oms_get_run_summary(self):
        self.ensure_one()
        return self.env._(
            "%(scan)s: %(lines)s lines scanned, %(changed)s levels changed, "
            "%(failed)s lines failed.",
            scan=self.display_name,
            lines=self.line_count,
            changed=self.changed_count,
            failed=self.failed_line_count,
        )
