# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import oms_kpi_xlsx
from . import oms_gl_transfer_xlsx
from . import oms_ar_tieout_xlsx
