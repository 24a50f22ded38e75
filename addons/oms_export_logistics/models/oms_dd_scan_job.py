# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmsDdScan(models.Model):
    """The daily demurrage and detention scan run by hand ("Run Now", see
    ``oms.scan.run.mixin.action_oms_run_now``)."""

    _inherit = "oms.dd.scan"

    @api.model
    def _oms_get_run_now_labels(self):
        return (
            self.env._("D&D scan run by hand"),
            self.env._("Scan the demurrage and detention clocks"),
        )

    @api.model
    def _oms_run_scheduled(self):
        # The scan posts the accruals the system computes (sudo in the
        # mixin's chunk): the manager only chose when.
        return self.env["oms.dd.clock"]._cron_dd_scan()

    def _oms_get_run_summary(self):
        self.ensure_one()
        return self.env._(
            "%(scan)s: %(clocks)s clocks scanned, %(warned)s warned, "
            "%(accruals)s accrual entries, %(failed)s clocks failed.",
            scan=self.display_name,
            clocks=self.clock_count,
            warned=self.warned_clock_count,
            accruals=self.accrual_count,
            failed=self.failed_clock_count,
        )
