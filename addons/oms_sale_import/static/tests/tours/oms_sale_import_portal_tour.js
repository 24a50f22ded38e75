/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// A customer uploads a purchase order on the portal; the back office finds
// the quotation, confirms it, sees it held by a rule and releases it; the
// customer then sees the promised date. Customer, layout, item codes and the
// hold rule are created by oms_sale_import/tests/test_portal_tour.py.
import { registry } from "@web/core/registry";

const PO_CSV =
    "PO Number,Item No,Qty,Delivery Date\n" +
    "TOUR-PO-1,HM-VALVE-50,5,2030-06-30\n";
const RELEASE_COMMENT = "PO checked with the customer.";

registry.category("web_tour.tours").add("oms_sale_import_portal_upload", {
    url: "/my/orders/upload",
    steps: () => [
        {
            content: "Choose the purchase order file",
            trigger: "form.o_oms_po_upload_form input[name='po_file']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File([PO_CSV], "TOUR-PO-1.csv", { type: "text/csv" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Upload it",
            trigger: "form.o_oms_po_upload_form button[type='submit']",
            run: "click",
        },
        {
            content: "The purchase order was received as a quotation",
            trigger: ".o_oms_upload_message.alert-success:contains('was received as')",
        },
    ],
});

registry.category("web_tour.tours").add("oms_sale_import_backoffice_release", {
    steps: () => [
        {
            content: "The quotation came from the portal",
            trigger: ".o_form_view .o_field_widget[name='oms_capture_channel']:contains('Portal')",
        },
        {
            content: "Confirm the quotation",
            trigger: ".o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is on hold",
            trigger: ".o_form_view .o_field_widget[name='oms_stage']:contains('On Hold')",
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
            content: "Released",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name='oms_stage']:contains('Released')",
        },
    ],
});

registry.category("web_tour.tours").add("oms_sale_import_portal_promised_date", {
    url: "/my/orders",
    steps: () => [
        {
            content: "The order list shows the promised date",
            trigger: "tbody .o_oms_list_promised_date:not(:empty)",
        },
        {
            content: "Open the order",
            trigger: "tbody tr td a",
            run: "click",
        },
        {
            content: "The order page shows its stage",
            trigger: ".o_oms_portal_stage:contains('Released')",
        },
        {
            content: "and the promised date",
            trigger: ".o_oms_portal_promised_date:not(:empty)",
        },
        // Leave the order page: the tour must not end while its chatter loads.
        {
            content: "Back to the orders",
            trigger: ".breadcrumb a[href^='/my/orders']",
            run: "click",
        },
        {
            content: "The orders list again",
            trigger: "tbody .o_oms_list_promised_date:not(:empty)",
        },
    ],
});
