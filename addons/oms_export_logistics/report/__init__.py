from . import oms_dd_xlsx
