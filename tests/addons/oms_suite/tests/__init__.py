from . import test_access_rights
from . import test_multi_company
from . import test_security_core
from . import test_security_helpdesk
from . import test_security_export_portal
from . import test_security_jobs
from . import test_security_matrix
from . import test_security_export_states
