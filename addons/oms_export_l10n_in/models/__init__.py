from . import oms_port
from . import oms_export_shipment
from . import res_company
from . import res_config_settings
from . import sale_order
from . import account_move
