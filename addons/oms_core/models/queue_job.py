# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError


class QueueJob(models.Model):
    _inherit = "queue.job"

    # OMS managers read the jobs of OMS work (security/queue_job_security.xml).
    # queue_job's state buttons and its vacuum write through sudo(), relying
    # on only Job Queue managers being able to read jobs at all: keep them
    # theirs, also through JSON-RPC.

    def _oms_check_job_queue_manager(self):
        if self.env.is_superuser() or self.env.user.has_group(
            "queue_job.group_queue_job_manager"
        ):
            return
        raise AccessError(
            self.env._(
                "Only Job Queue managers can requeue, cancel, finish or purge "
                "background jobs; OMS managers follow them read only."
            )
        )

    def button_done(self):
        self._oms_check_job_queue_manager()
        return super().button_done()

    def button_cancelled(self):
        self._oms_check_job_queue_manager()
        return super().button_cancelled()

    def requeue(self):
        self._oms_check_job_queue_manager()
        return super().requeue()

    def autovacuum(self):
        self._oms_check_job_queue_manager()
        return super().autovacuum()
