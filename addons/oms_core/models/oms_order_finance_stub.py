# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class OmsOrderFinanceMixin(models.AbstractModel):
    """Empty: order-to-cash on sales orders moved to ``oms_finance``
    (``sale.order`` there). Kept only while ``sale_order.py`` still lists it
    in ``_inherit``; delete this file with that entry."""

    _name = "oms.order.finance.mixin"
    _description = "OMS Order Finance (moved to oms_finance)"
