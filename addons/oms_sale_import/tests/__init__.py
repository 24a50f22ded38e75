from . import test_file_import
from . import test_duplicate_change
from . import test_email_capture
from . import test_portal
from . import test_portal_tour
from . import test_security
from . import test_demo_data
from . import test_background_import
