from . import test_documents
from . import test_document_gating
from . import test_letter_credit
from . import test_reports
