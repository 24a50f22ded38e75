/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// A CIF order to Hamburg under a letter of credit, as a coordinator works it
// once the goods are packed and shipped out of the warehouse and the invoice
// is posted: create the export shipment from the confirmed order, give it
// what its documents need (marks, vessel and voyage, origin criterion,
// insurance cover), prepare and verify the pre-shipment documents, book and
// load, go on board, enter the B/L, prepare and verify the documents that
// need it, then submit the set to the bank once the examination finds it
// complying. The order, its delivery and invoice, the letter of credit and
// the banks are created by tests/test_ui_tour.py.
import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

const COURIER = "DHL 7781 2290";
const BL_NUMBER = "NCLHAM2611042";
// The machine running the tests may be loaded: let slow steps take their
// time rather than sleeping.
const SLOW = 60000;

function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_notebook .nav-link:contains('${name}')`,
        run: "click",
    };
}

function documentState(documentName, state) {
    return {
        content: `${documentName} is ${state}`,
        trigger: `.o_field_widget[name='document_ids'] .o_data_row:contains('${documentName}') .o_field_widget[name='state']:contains('${state}')`,
        timeout: SLOW,
    };
}

registry.category("web_tour.tours").add("oms_export_cif_lc_tour", {
    steps: () => {
        const today = formatDate(DateTime.now());
        const yesterday = formatDate(DateTime.now().minus({ days: 1 }));
        return [
            {
                content: "Create the export shipment from the confirmed order",
                trigger:
                    ".o_form_view .o_statusbar_buttons button[name='action_oms_create_export_shipment']",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "Port of loading",
                trigger: ".modal .o_field_widget[name='port_loading'] input",
                timeout: SLOW,
                run: "edit INNSA",
            },
            {
                content: "Port of discharge",
                trigger: ".modal .o_field_widget[name='port_discharge'] input",
                run: "edit DEHAM",
            },
            {
                content: "Create the shipment",
                trigger: ".modal .modal-footer button[name='action_create_shipment']",
                run: "click",
            },
            {
                content: "The shipment is under the letter of credit",
                trigger:
                    ".o_form_view .o_field_widget[name='letter_credit_id'] input:value('HHB-LC-TOUR-01')",
                timeout: SLOW,
            },
            openTab("Plan"),
            {
                content: "Vessel",
                trigger: ".o_field_widget[name='vessel'] input",
                run: "edit Nordsee Express",
            },
            {
                content: "Voyage",
                trigger: ".o_field_widget[name='voyage'] input",
                run: "edit NE-614W",
            },
            openTab("Cargo"),
            {
                content: "The packed pallet of the delivery is the shipment's package",
                trigger: ".o_field_widget[name='package_ids'] .o_data_row:contains('HMB-TOUR-PLT1')",
            },
            {
                content: "Shipping marks",
                trigger: ".o_field_widget[name='marks_and_numbers'] textarea",
                run: "edit HMB / HAMBURG / 1-1",
            },
            openTab("Documents"),
            {
                content: "Origin criterion",
                trigger: ".o_field_widget[name='origin_criterion'] input",
                run: "edit WO",
            },
            {
                content: "Insurance policy",
                trigger: ".o_field_widget[name='insurance_policy_number'] input",
                run: "edit OMP-2026-118",
            },
            {
                content: "Insurance effective the day before loading",
                trigger: ".o_field_widget[name='insurance_date'] input",
                run: `edit ${yesterday}`,
            },
            {
                content: "Prepare every document whose data is complete",
                trigger: ".o_notebook button[name='action_prepare_documents_job']",
                run: "click",
            },
            documentState("Commercial Invoice", "Prepared"),
            documentState("Insurance Certificate", "Prepared"),
            {
                content: "The documents needing the B/L wait for it: the notification says so",
                trigger:
                    ".o_notification:contains('Documents not prepared'):contains('Bank Cover Letter') .o_notification_close",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "...and so does the checklist",
                trigger:
                    ".o_field_widget[name='document_ids'] .o_data_row:contains('Bill of Lading') td[name='missing_data']:contains('B/L or AWB Number')",
            },
            {
                content: "Verify the prepared documents",
                trigger: ".o_notebook button[name='action_verify_documents']",
                run: "click",
            },
            documentState("Commercial Invoice", "Verified"),
            {
                content: "Book",
                trigger: ".o_statusbar_buttons button[name='action_book']",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "Start loading",
                trigger: ".o_statusbar_buttons button[name='action_start_loading']",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "Loading started: the actual loading time is recorded",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains('Loading')",
                timeout: SLOW,
            },
            {
                content: "Customs cleared",
                trigger: ".o_statusbar_buttons button[name='action_customs_cleared']",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "On board: every pre-shipment document is verified",
                trigger: ".o_statusbar_buttons button[name='action_on_board']",
                timeout: SLOW,
                run: "click",
            },
            {
                content: "The shipment is on board",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains('On Board')",
                timeout: SLOW,
            },
            {
                content: "Enter the B/L number",
                trigger: ".o_field_widget[name='bl_number'] input",
                run: `edit ${BL_NUMBER}`,
            },
            {
                content: "Enter the B/L (on-board) date",
                trigger: ".o_field_widget[name='bl_date'] input",
                run: `edit ${today}`,
            },
            {
                content: "Prepare the documents that needed the B/L",
                trigger: ".o_notebook button[name='action_prepare_documents_job']",
                run: "click",
            },
            documentState("Bill of Lading", "Prepared"),
            documentState("Bank Cover Letter", "Prepared"),
            {
                content: "Verify them",
                trigger: ".o_notebook button[name='action_verify_documents']",
                run: "click",
            },
            documentState("Bill of Lading", "Verified"),
            documentState("Bank Cover Letter", "Verified"),
            {
                content: "Submit to the bank",
                trigger: ".o_statusbar_buttons button[name='action_submit_to_bank']",
                run: "click",
            },
            {
                content: "The examination finds the presentation complying",
                trigger: ".modal .alert-success:contains('No discrepancy')",
                timeout: SLOW,
            },
            {
                content: "Courier reference",
                trigger: ".modal .o_field_widget[name='courier_reference'] input",
                run: `edit ${COURIER}`,
            },
            {
                content: "Submit and email the documents",
                trigger: ".modal .modal-footer button[name='action_submit']:contains('Submit and email')",
                run: "click",
            },
            {
                content: "The wizard closed",
                trigger: "body:not(:has(.modal))",
                timeout: SLOW,
            },
            openTab("Money and Bank submissions"),
            {
                content: "The bank submission is recorded with its courier reference",
                trigger: `.o_field_widget[name='lc_presentation_ids'] .o_data_row:contains('${COURIER}')`,
                timeout: SLOW,
            },
            openTab("Documents"),
            documentState("Commercial Invoice", "Sent"),
        ];
    },
});
