# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import oms_fallout
from . import purchase_order_line
from . import sale_order
from . import sale_order_line
