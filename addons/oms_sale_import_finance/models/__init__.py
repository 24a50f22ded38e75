from . import oms_kpi_order
