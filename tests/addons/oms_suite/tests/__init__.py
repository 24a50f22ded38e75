from . import test_access_rights
from . import test_multi_company
