# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_make_to_order
from . import test_ui_tour
from . import test_engineering_stage
from . import test_strategies
