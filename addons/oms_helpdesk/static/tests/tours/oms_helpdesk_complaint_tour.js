/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// A customer complains by email about a late order: the agent opens the
// ticket the email created, checks the linked order, sends the satisfaction
// survey and gives a credit note as remedy. The order, the email and the
// ticket are created by oms_helpdesk/tests/test_ui_tour.py.
import { registry } from "@web/core/registry";

const TITLE = "Late delivery of our valves";

registry.category("web_tour.tours").add("oms_helpdesk_complaint_tour", {
    url: "/odoo/helpdesk-tickets",
    steps: () => [
        {
            content: "Open the ticket the customer's email created",
            trigger: `.o_list_renderer .o_data_row td[name='name']:contains('${TITLE}')`,
            run: "click",
        },
        {
            content: "The email linked the ticket to the late order",
            trigger: ".o_form_view .o_stat_info:contains('Order')",
        },
        {
            content: "Open the linked order",
            trigger: ".o_form_view button[name='action_open_sale_order']",
            run: "click",
        },
        {
            content: "The order shows its ticket",
            trigger: ".o_form_view button[name='action_view_tickets']",
        },
        {
            content: "Back to the ticket",
            trigger: `.o_breadcrumb .breadcrumb-item:not(.active) a:contains('${TITLE}')`,
            run: "click",
        },
        {
            content: "Send the satisfaction survey of the delivery",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_oms_send_survey']",
            run: "click",
        },
        {
            content: "The survey went out",
            trigger: ".o_notification:contains('Satisfaction survey sent')",
        },
        {
            content: "Give a remedy",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_oms_remedy']",
            run: "click",
        },
        {
            content: "Credit 50 for the delay",
            trigger: ".modal .o_field_widget[name='amount'] input",
            run: "edit 50",
        },
        {
            content: "Create the credit note",
            trigger: ".modal .modal-footer button[name='action_create_remedy']",
            run: "click",
        },
        {
            content: "The credit note opens",
            trigger: ".o_form_view .o_field_widget[name='invoice_line_ids']",
        },
    ],
});
