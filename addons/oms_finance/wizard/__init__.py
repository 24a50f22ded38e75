from . import oms_credit_note_wizard
from . import oms_kpi_dashboard
from . import oms_gl_transfer
from . import oms_ar_tieout
from . import oms_ar_tieout_line
from . import oms_ar_tieout_partner
