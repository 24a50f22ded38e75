from . import dd_tariff_math
