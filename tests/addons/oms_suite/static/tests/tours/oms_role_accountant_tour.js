/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The accountant's day on the demo (Billing rights only, the role matrix's
// accountant): the cash application of this week's USD statement (Great
// Lakes' wire matched by its PO number, 250 USD short, and an unidentified
// wire left for a person), the disputed deduction behind the short payment,
// Great Lakes' statement of account and the AR tie-out of receivables
// against the general ledger. Nothing is changed.
//
// The OMS finance menus sit under Order Management, which only OMS users see:
// an accountant with Billing rights has no menu to them, so the tour opens
// their actions by address (reported on issue 16).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";

const GREAT_LAKES = "Great Lakes Fluid Systems";

function openAction(xmlid, title) {
    return [
        stepUtils.goToUrl(`/odoo/action-${xmlid}`),
        { content: `${title} is open`, trigger: `.o_breadcrumb:contains('${title}'), .modal-title:contains('${title}')` },
    ];
}

registry.category("web_tour.tours").add("oms_role_accountant_tour", {
    steps: () => [
        // Cash application
        ...openAction("oms_finance.oms_cash_application_action", "Cash Application"),
        {
            content: "Great Lakes' wire was applied short",
            trigger: `.o_list_view .o_data_row:contains('GLFS-4410-0087'):contains('${GREAT_LAKES}'):contains('Short')`,
        },
        {
            content: "The unidentified wire waits for a person",
            trigger: ".o_list_view .o_data_row:contains('REMITTER NOT IDENTIFIED'):contains('Unmatched')",
        },
        ...omsTourSteps.openListRow("GLFS-4410-0087"),
        {
            content: "The short payment pays the invoice and raised a deduction",
            trigger: ".o_form_view .o_field_widget[name='deduction_id'] a, .o_form_view .o_field_widget[name='deduction_id']:contains('Great Lakes')",
        },
        {
            content: "Short payment is a step of the status bar",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Short')",
        },
        ...omsTourSteps.back(),
        // Deductions
        ...openAction("oms_finance.oms_payment_deduction_action", "Deductions"),
        {
            content: "The 250 USD deduction of Great Lakes is disputed",
            trigger: `.o_list_view .o_data_row:contains('${GREAT_LAKES}'):contains('250.00'):contains('Disputed')`,
        },
        // Statement of account
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        ...omsTourSteps.openMenu("account.menu_finance_receivables", "account.menu_account_customer"),
        ...omsTourSteps.search(GREAT_LAKES),
        {
            content: "Open Great Lakes",
            trigger: `.o_kanban_record:contains('${GREAT_LAKES}')`,
            run: "click",
        },
        {
            content: "Open the actions menu",
            trigger: ".o_form_view .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "The statement of account can be printed for the customer",
            trigger: ".o-dropdown--menu .dropdown-item:contains('Statement of Account')",
        },
        // AR tie-out
        ...openAction("oms_finance.oms_ar_tieout_action", "AR Tie-out"),
        {
            content: "Compute the tie-out",
            trigger: ".modal .modal-footer button[name='action_compute']",
            run: "click",
        },
        {
            content: "The receivables are computed",
            trigger: ".modal .o_field_widget[name='gl_total']:contains(/[1-9]/)",
        },
        {
            content: "Receivables tie out with the general ledger",
            trigger: ".modal .o_field_widget[name='difference']:contains('0.00')",
        },
        {
            content: "Open the subledger",
            trigger: ".modal .o_notebook .nav-link[name='subledger']",
            run: "click",
        },
        {
            content: "Great Lakes' open items",
            trigger: `.modal .o_field_widget[name='partner_line_ids'] .o_data_row:contains('${GREAT_LAKES}')`,
        },
        {
            content: "Close",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
    ],
});
