from . import oms_export_shipment_create
from . import oms_export_shipment_dispatch
