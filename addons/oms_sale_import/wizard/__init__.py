from . import sale_order_import
from . import sale_order_import_job
