/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// Steps the OMS tours share, so that a tour reads as the person's path and a
// change of a screen is fixed once. Each function returns an array of steps:
// spread it into a tour (`...omsTourSteps.releaseHolds("comment")`).
// Import: `import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";`
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import tourUtils from "@sale/js/tours/tour_utils";

export const omsTourSteps = {
    /** Open a menu of the current app's top bar: a section with an action,
     * or an item of a section's dropdown (`itemXmlid`). */
    openMenu(sectionXmlid, itemXmlid = null, description = null) {
        const section = `.o_main_navbar .o_menu_sections [data-menu-xmlid='${sectionXmlid}']`;
        if (!itemXmlid) {
            return [{ content: description || `Open ${sectionXmlid}`, trigger: section, run: "click" }];
        }
        return [
            { content: `Open the ${sectionXmlid} menu`, trigger: section, run: "click" },
            {
                content: description || `Open ${itemXmlid}`,
                trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid='${itemXmlid}']`,
                run: "click",
            },
        ];
    },

    /** Open the Order Management app from the home menu. */
    openOmsApp() {
        return stepUtils.goToAppSteps("oms_core.oms_menu_root", "Open Order Management");
    },

    /** A new quotation in the Sales app for `customer` with one line of
     * `product`, saved once its subtotal reads `subtotal`. */
    captureQuotation(customer, product, subtotal) {
        return [
            ...stepUtils.goToAppSteps("sale.sale_menu_root", "Open the Sales app"),
            ...tourUtils.createNewSalesOrder(),
            ...tourUtils.selectCustomer(customer),
            ...tourUtils.addProduct(product),
            {
                content: "Wait for the line's price",
                trigger: `.o_field_widget[name='order_line'] .o_data_row [name='price_subtotal']:contains('${subtotal}')`,
            },
            ...stepUtils.saveForm(),
        ];
    },

    /** Confirm the quotation open in the form. */
    confirmQuotation() {
        return [
            {
                content: "Confirm the quotation",
                trigger: ".o_statusbar_buttons button[name='action_confirm']",
                run: "click",
            },
        ];
    },

    /** The order open in the form is at OMS stage `stage` (its label). */
    expectStage(stage) {
        return [
            {
                content: `The order is at the ${stage} stage`,
                trigger: `body:not(:has(.modal)) .o_form_view .o_field_widget[name='oms_stage']:contains('${stage}')`,
            },
        ];
    },

    /** The held order open in the form shows the hold banner. */
    expectHoldBanner() {
        return [
            {
                content: "The hold banner tells why nothing ships",
                trigger: ".o_form_view .alert-warning:contains('On hold.')",
            },
        ];
    },

    /** Release the holds of the order open in the form with `comment`, and
     * see it reach `stage` (Released unless said otherwise). */
    releaseHolds(comment, stage = "Released") {
        return [
            {
                content: "Open the release wizard",
                trigger: ".o_statusbar_buttons button[name='action_oms_release_holds']",
                run: "click",
            },
            {
                content: "Explain the release",
                trigger: ".modal .o_field_widget[name='comment'] textarea",
                run: `edit ${comment}`,
            },
            {
                content: "Release the hold",
                trigger: ".modal .modal-footer button[name='action_release']",
                run: "click",
            },
            ...this.expectStage(stage),
        ];
    },

    /** Open the notebook tab labelled `name` of the form. */
    openTab(name) {
        return [
            {
                content: `Open the ${name} tab`,
                trigger: `.o_form_view .o_notebook .nav-link:contains('${name}')`,
                run: "click",
            },
        ];
    },

    /** Open the notebook page named `pageName` (its `name` in the view, which
     * outlives a relabelled tab). */
    openPage(pageName, label = pageName) {
        return [
            {
                content: `Open the ${label} tab`,
                trigger: `.o_form_view .o_notebook .nav-link[name='${pageName}']`,
                run: "click",
            },
        ];
    },

    /** Open the list row containing `text` (a list view, not a one2many). */
    openListRow(text) {
        return [
            {
                content: `Open ${text}`,
                trigger: `.o_list_view .o_data_row .o_data_cell:contains('${text}')`,
                run: "click",
            },
        ];
    },

    /** Search the current view for `text` in its default field. */
    search(text) {
        return [
            {
                content: `Search for ${text}`,
                trigger: ".o_searchview_input",
                run: `edit ${text}`,
            },
            {
                content: "Run the search",
                trigger: ".o_searchview_input",
                run: "press Enter",
            },
        ];
    },

    /** Back to the previous screen through the breadcrumb. */
    back() {
        return [
            {
                content: "Back",
                trigger: ".o_breadcrumb .breadcrumb-item.o_back_button a, .o_breadcrumb .breadcrumb-item.o_back_button",
                run: "click",
            },
        ];
    },
};
