from . import oms_kpi_xlsx
from . import oms_gl_transfer_xlsx
from . import oms_ar_tieout_xlsx
