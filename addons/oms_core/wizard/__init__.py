from . import oms_hold_release
from . import oms_rule_dry_run
from . import oms_order_cancel
from . import oms_order_change
from . import oms_dispatch_confirm
from . import oms_payment_override
