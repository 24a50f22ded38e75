from . import oms_customer_product_code
from . import oms_po_layout
from . import oms_po_spreadsheet_parser
from . import oms_po_intake
from . import res_company
from . import sale_order
from . import sale_order_line
from . import oms_fallout
