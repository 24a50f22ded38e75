from . import oms_lc_presentation_submit
