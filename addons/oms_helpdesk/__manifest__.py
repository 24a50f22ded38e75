# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Helpdesk",
    "summary": "Customer helpdesk tied to orders: SLA and escalation, one-call "
    "resolution, satisfaction surveys after fulfilment",
    "version": "18.0.1.1.1",
    "category": "After-Sales",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": [
        "oms_core",
        # Remedies: credit notes, returns and replacement orders.
        "oms_finance",
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
        "survey",
        "report_xlsx",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_helpdesk_security.xml",
        "security/helpdesk_ticket_access.xml",
        "security/oms_satisfaction_report_security.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/survey_survey_data.xml",
        "data/oms_helpdesk_survey_policy_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_team_views.xml",
        "views/oms_helpdesk_escalation_level_views.xml",
        "views/oms_helpdesk_survey_policy_views.xml",
        "views/oms_rule_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/account_move_views.xml",
        "views/survey_user_input_views.xml",
        "views/oms_satisfaction_report_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "wizard/helpdesk_ticket_remedy_views.xml",
        "report/helpdesk_ticket_reports.xml",
        "views/oms_helpdesk_menus.xml",
    ],
    "demo": [
        "demo/helpdesk_ticket_team_demo.xml",
        "demo/oms_rule_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
        "demo/survey_user_input_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "oms_helpdesk/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
