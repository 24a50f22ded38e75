from . import db_errors
from . import domain
from . import transition
