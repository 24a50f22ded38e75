# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import mrp_production
from . import oms_fallout
from . import oms_fulfilment_strategy
from . import oms_order_hold
from . import oms_stage_history
from . import sale_order
from . import sale_order_line
from . import stock_rule
