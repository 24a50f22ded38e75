# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_mail_gateway
from . import test_routing
from . import test_rules_engine
from . import test_sla_escalation
from . import test_jeopardy_ticket
from . import test_one_call_resolution
from . import test_remedy
from . import test_satisfaction
from . import test_portal_access
from . import test_kpi_report
from . import test_access
from . import test_ui_tour
from . import test_demo_service
from . import test_kpi_snapshot
from . import test_satisfaction_report
from . import test_ticket_order_link
