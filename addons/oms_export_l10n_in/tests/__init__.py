from . import test_l10n_in_export
from . import test_demo_data
