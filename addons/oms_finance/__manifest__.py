# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Finance",
    "summary": "Order-to-cash on the OMS pipeline: invoice policies, bill "
    "presentation, credit notes, returns, cash application, deductions, "
    "receipts forecast, GL transfer, AR tie-out and finance KPIs",
    "version": "18.0.1.2.1",
    "category": "Accounting/Accounting",
    "website": "https://github.com/oms-founders/oms",
    "author": "OMS Founding Engineers",
    "license": "AGPL-3",
    "depends": [
        # The order pipeline: orders, stages, reasons, fallouts, groups; and
        # through it account, queue_job (invoicing jobs) and report_xlsx
        # (the XLSX exports inherit report.oms_core.xlsx_abstract).
        "oms_core",
        # Cash application matches bank statement lines and reconciles them.
        "account_reconcile_oca",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_finance_security.xml",
        "data/oms_reason_finance_data.xml",
        "data/oms_reason_deduction_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_invoicing_data.xml",
        "data/queue_job_data.xml",
        "data/ir_cron_cash_application_data.xml",
        "views/oms_invoice_policy_views.xml",
        "views/oms_return_request_views.xml",
        "views/oms_bill_presentation_views.xml",
        "views/account_move_views.xml",
        "wizard/oms_credit_note_wizard_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/stock_picking_views.xml",
        "report/res_partner_reports.xml",
        "report/res_partner_templates.xml",
        "views/oms_cash_application_views.xml",
        "views/oms_payment_deduction_views.xml",
        "views/oms_receipt_forecast_views.xml",
        "views/oms_kpi_order_views.xml",
        "views/oms_kpi_snapshot_views.xml",
        "views/oms_kpi_target_views.xml",
        "data/oms_kpi_data.xml",
        "views/res_config_settings_views.xml",
        "views/oms_kpi_settings_views.xml",
        "wizard/oms_kpi_dashboard_views.xml",
        "wizard/oms_gl_transfer_views.xml",
        "wizard/oms_ar_tieout_views.xml",
        "report/oms_finance_reports.xml",
        "report/oms_finance_templates.xml",
        "views/oms_finance_menus.xml",
    ],
    "demo": [
        "demo/oms_invoice_policy_demo.xml",
        "demo/oms_cash_application_demo.xml",
        "demo/oms_kpi_demo.xml",
        "demo/res_users_demo.xml",
    ],
    "installable": True,
}
