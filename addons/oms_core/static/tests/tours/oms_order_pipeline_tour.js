/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// An order through the OMS pipeline, as a person does it: capture a quotation,
// confirm it, find it held by a rule, release the hold with a comment, ship the
// delivery and see the order reach the Shipped stage. The customer, product and
// hold rule are created by oms_core/tests/test_ui_tour.py.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import tourUtils from "@sale/js/tours/tour_utils";

const CUSTOMER = "OMS Tour Customer";
const PRODUCT = "OMS Tour Valve";
const RELEASE_COMMENT = "Customer called back: the order is genuine.";

registry.category("web_tour.tours").add("oms_core_order_pipeline_tour", {
    url: "/odoo",
    steps: () => [
        // Capture
        ...stepUtils.goToAppSteps("sale.sale_menu_root", "Open the Sales app"),
        ...tourUtils.createNewSalesOrder(),
        ...tourUtils.selectCustomer(CUSTOMER),
        ...tourUtils.addProduct(PRODUCT),
        {
            content: "Wait for the line's price",
            trigger: ".o_field_widget[name='order_line'] .o_data_row [name='price_subtotal']:contains('95.00')",
        },
        ...stepUtils.saveForm(),
        {
            content: "Confirm the quotation",
            trigger: ".o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        // Held by the rule
        {
            content: "The order is confirmed and on hold",
            trigger: ".o_form_view .o_field_widget[name='oms_stage']:contains('On Hold')",
        },
        {
            content: "The hold banner tells why nothing ships",
            trigger: ".o_form_view .alert-warning:contains('On hold.')",
        },
        {
            content: "Open the release wizard",
            trigger: ".o_statusbar_buttons button[name='action_oms_release_holds']",
            run: "click",
        },
        {
            content: "Explain the release",
            trigger: ".modal .o_field_widget[name='comment'] textarea",
            run: `edit ${RELEASE_COMMENT}`,
        },
        {
            content: "Release the hold",
            trigger: ".modal .modal-footer button[name='action_release']",
            run: "click",
        },
        {
            content: "Released: the order goes to the warehouse",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name='oms_stage']:contains('Released')",
        },
        // Ship
        {
            content: "Open the delivery",
            trigger: ".o_form_view button[name='action_view_delivery']",
            run: "click",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_form_view .o_statusbar_buttons button[name='button_validate']",
            run: "click",
        },
        {
            content: "The delivery is done",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "The order has reached the Shipped stage",
            trigger: ".o_form_view .o_field_widget[name='oms_stage']:contains('Shipped')",
        },
    ],
});
