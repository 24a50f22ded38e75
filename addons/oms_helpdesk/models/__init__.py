# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import oms_rule
from . import res_company
from . import res_users
from . import oms_helpdesk_escalation_level
from . import oms_helpdesk_survey_policy
from . import oms_helpdesk_remedy
from . import helpdesk_sla
from . import helpdesk_ticket_team
from . import helpdesk_ticket_category
from . import oms_fallout
from . import helpdesk_ticket
from . import helpdesk_ticket_sla
from . import resource_calendar
from . import sale_order
from . import sale_order_line
from . import stock_picking
from . import account_move
from . import survey_question
from . import survey_user_input
from . import oms_satisfaction_report
from . import oms_kpi_snapshot
