# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _oms_task_apply_cash(self):
        """Chunk of a background cash application run: apply these payments
        (idempotent, see ``oms.cash.application._run``)."""
        Application = self.env["oms.cash.application"]
        applications = Application._run(self.env["account.bank.statement.line"], self)
        return Application._oms_get_run_summary(applications)
