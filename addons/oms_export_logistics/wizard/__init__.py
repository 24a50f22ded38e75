from . import oms_lc_presentation_submit
from . import oms_export_shipment_create
from . import oms_export_shipment_dispatch
