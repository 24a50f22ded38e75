from . import test_oms_rule
