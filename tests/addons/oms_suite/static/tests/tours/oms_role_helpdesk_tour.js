/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// A helpdesk agent's queue (helpdesk rights only, no Sales nor OMS rights):
// the tickets of the Export Customer Service team, Gulf Process' cracked
// impellers linked to its order and delivery, under the two-business-day SLA,
// and the follow-up ticket the low survey score opened.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";

const COMPLAINT = "Two impellers arrived with cracked vanes";

registry.category("web_tour.tours").add("oms_role_helpdesk_tour", {
    steps: () => [
        ...stepUtils.goToAppSteps("helpdesk_mgmt.helpdesk_ticket_main_menu", "Open Helpdesk"),
        ...omsTourSteps.openMenu(
            "helpdesk_mgmt.helpdesk_ticket_menu",
            "helpdesk_mgmt.helpdesk_all_ticket_menu"
        ),
        {
            content: "The complaint is in the queue, linked to its order, its SLA running",
            trigger: `.o_list_view .o_data_row:contains('${COMPLAINT}'):contains('Running')`,
        },
        {
            content: "The follow-up of the low survey score is in the queue",
            trigger: ".o_list_view .o_data_row:contains('Low satisfaction score on')",
        },
        {
            content: "The backorder question was answered within its SLA",
            trigger: ".o_list_view .o_data_row:contains('When does the gate valve backorder ship?'):contains('Attained')",
        },
        ...omsTourSteps.openListRow(COMPLAINT),
        {
            content: "The ticket is linked to Gulf Process' order",
            trigger: ".o_form_view .o_field_widget[name='sale_order_id']:contains('S0'), .o_form_view .o_field_widget[name='sale_order_id'] input:value('S0')",
        },
        {
            content: "which opens from the ticket",
            trigger: ".o_form_view button[name='action_open_sale_order']",
        },
        {
            content: "The team's SLA applies",
            trigger: ".o_form_view .o_field_widget[name='ticket_sla_ids']:contains('Resolve within 2 business days')",
        },
        {
            content: "with its deadline",
            trigger: ".o_form_view .o_field_widget[name='sla_deadline']:not(:empty)",
        },
        {
            content: "The SLA is running",
            trigger: ".o_form_view .o_field_widget[name='oms_sla_status']:contains('Running')",
        },
        {
            content: "The customer is Gulf Process",
            trigger: ".o_form_view .o_field_widget[name='partner_id']:contains('Gulf Process'), .o_form_view .o_field_widget[name='partner_id'] input:value('Gulf Process')",
        },
    ],
});
