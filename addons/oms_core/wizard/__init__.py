from . import oms_hold_release
from . import oms_rule_dry_run
