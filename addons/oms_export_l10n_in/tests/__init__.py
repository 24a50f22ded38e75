from . import test_l10n_in_export
