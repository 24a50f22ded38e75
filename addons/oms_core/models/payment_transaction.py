# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _set_authorized(self, *args, **kwargs):
        txs = super()._set_authorized(*args, **kwargs)
        txs.sale_order_ids._oms_recheck_auto_release_holds()
        return txs

    def _set_done(self, *args, **kwargs):
        txs = super()._set_done(*args, **kwargs)
        txs.sale_order_ids._oms_recheck_auto_release_holds()
        return txs
