from . import oms_incoterm_rule
from . import oms_export_shipment
from . import oms_export_container
