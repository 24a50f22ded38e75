from . import sale_order_import
