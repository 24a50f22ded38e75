from . import test_kpi_channel
