# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestScanLogs(OmsCoreCommon):
    """Old scan logs go with Odoo's daily autovacuum, which calls the
    cleaner on every model that has it, the abstract mixin included."""

    def test_autovacuum_keeps_recent_logs_only(self):
        Scan = self.env["oms.jeopardy.scan"]
        old, recent = Scan.create(
            [
                {"company_id": self.env.company.id, "scan_date": fields.Date.today()},
                {"company_id": self.env.company.id, "scan_date": fields.Date.today()},
            ]
        )
        old.date_start = fields.Datetime.now() - timedelta(days=Scan._oms_keep_days + 1)
        # The abstract mixin has no table: nothing to do, no error.
        self.env["oms.scan.run.mixin"]._gc_old_scans()
        Scan._gc_old_scans()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
