from . import test_incoterm_matrix
from . import test_shipment
from . import test_tasks
from . import test_portal
from . import test_loading
from . import test_access
