/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// An engineer-to-order order, as a person does it: capture it, confirm it and
// find it waiting for the engineering approval, approve the design (release
// the hold with the drawing revision), produce the manufacturing order that
// the approval released, and confirm the dispatch date, seeing the supply
// behind the line. Customer and product come from oms_mrp/tests/test_ui_tour.py.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import tourUtils from "@sale/js/tours/tour_utils";

const CUSTOMER = "OMS Tour Skid Customer";
const PRODUCT = "OMS Tour Skid";
const APPROVAL = "Drawing SK-101 rev. B approved";

registry.category("web_tour.tours").add("oms_mrp_eto_tour", {
    url: "/odoo",
    steps: () => [
        // Capture
        ...stepUtils.goToAppSteps("sale.sale_menu_root", "Open the Sales app"),
        ...tourUtils.createNewSalesOrder(),
        ...tourUtils.selectCustomer(CUSTOMER),
        ...tourUtils.addProduct(PRODUCT),
        {
            content: "Wait for the line's price",
            trigger: ".o_field_widget[name='order_line'] .o_data_row [name='price_subtotal']:contains('5,000.00')",
        },
        ...stepUtils.saveForm(),
        {
            content: "Confirm the quotation",
            trigger: ".o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        // Waiting for the engineering approval
        {
            content: "The order waits in engineering",
            trigger: ".o_form_view .o_field_widget[name='oms_stage']:contains('Engineering')",
        },
        {
            content: "The line awaits the approval of its design",
            trigger: ".o_field_widget[name='order_line'] .o_data_row [name='oms_eng_state']:contains('Awaiting Approval')",
        },
        {
            content: "Open the approval",
            trigger: ".o_statusbar_buttons button[name='action_oms_release_holds']",
            run: "click",
        },
        {
            content: "Record what was approved",
            trigger: ".modal .o_field_widget[name='comment'] textarea",
            run: `edit ${APPROVAL}`,
        },
        {
            content: "Approve the design",
            trigger: ".modal .modal-footer button[name='action_release']",
            run: "click",
        },
        {
            content: "Approved: the order is released to the plant",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name='oms_stage']:contains('Released')",
        },
        {
            content: "The line shows the approval",
            trigger: ".o_field_widget[name='order_line'] .o_data_row [name='oms_eng_state']:contains('Approved')",
        },
        // Manufacturing
        {
            content: "Open the manufacturing order released by the approval",
            trigger: ".o_form_view button[name='action_view_mrp_production']",
            run: "click",
        },
        {
            content: "Produce the skid",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_mark_done']:contains('Produce All')",
            run: "click",
        },
        {
            content: "The manufacturing order is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        // Dispatch confirmation
        {
            content: "Open the dispatch confirmation",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_oms_confirm_dispatch']",
            run: "click",
        },
        {
            content: "The wizard shows the supply behind the line",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains('OMS Tour Skid')",
        },
        {
            content: "Confirm the dispatch",
            trigger: ".modal .modal-footer button[name='action_confirm_dispatch']",
            run: "click",
        },
        {
            content: "The order is scheduled",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name='oms_stage']:contains('Scheduled')",
        },
    ],
});
