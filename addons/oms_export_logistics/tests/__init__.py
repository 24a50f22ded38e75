from . import test_container
from . import test_dd_tariff
from . import test_dd_clock
from . import test_dd_scan
from . import test_dd_accrual
from . import test_dd_report
