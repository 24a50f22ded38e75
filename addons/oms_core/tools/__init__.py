from . import db_errors
from . import domain
