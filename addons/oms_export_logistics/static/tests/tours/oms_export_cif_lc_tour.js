/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// A CIF order to Hamburg under a letter of credit, as a coordinator works it:
// create the export shipment from the confirmed order, see the documents the
// rules require, prepare and verify them, book and load, go on board, enter
// the B/L and submit the documents to the bank. The order, the letter of
// credit and the banks are created by tests/test_ui_tour.py.
import { registry } from "@web/core/registry";

const COURIER = "DHL 7781 2290";
const BL_NUMBER = "NCLHAM2611042";

registry.category("web_tour.tours").add("oms_export_cif_lc_tour", {
    steps: () => [
        {
            content: "Create the export shipment from the confirmed order",
            trigger: ".o_statusbar_buttons button[name='action_oms_create_export_shipment']",
            run: "click",
        },
        {
            content: "Port of loading",
            trigger: ".modal .o_field_widget[name='port_loading'] input",
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
            trigger: ".o_form_view .o_field_widget[name='letter_credit_id'] input:value('HHB-LC-TOUR-01')",
        },
        {
            content: "Open the documents",
            trigger: ".o_notebook .nav-link:contains('Documents')",
            run: "click",
        },
        {
            content: "The rules require the insurance certificate (CIF)",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('Insurance Certificate')",
        },
        {
            content: "...and the bank cover letter (letter of credit)",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('Bank Cover Letter')",
        },
        {
            content: "Prepare every document",
            trigger: ".o_statusbar_buttons button[name='action_prepare_documents']",
            run: "click",
        },
        {
            content: "The documents are prepared",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('Commercial Invoice') .o_field_widget[name='state']:contains('Prepared')",
        },
        {
            content: "Verify the prepared documents",
            trigger: ".o_form_view button[name='action_verify_documents']",
            run: "click",
        },
        {
            content: "The documents are verified",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('Commercial Invoice') .o_field_widget[name='state']:contains('Verified')",
        },
        {
            content: "Book",
            trigger: ".o_statusbar_buttons button[name='action_book']",
            run: "click",
        },
        {
            content: "Start loading",
            trigger: ".o_statusbar_buttons button[name='action_start_loading']",
            run: "click",
        },
        {
            content: "Loading started: the actual loading time is recorded",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Loading')",
        },
        {
            content: "Customs cleared",
            trigger: ".o_statusbar_buttons button[name='action_customs_cleared']",
            run: "click",
        },
        {
            content: "On board: every pre-shipment document is verified",
            trigger: ".o_statusbar_buttons button[name='action_on_board']",
            run: "click",
        },
        {
            content: "The shipment is on board",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('On Board')",
        },
        {
            content: "Enter the B/L number",
            trigger: ".o_field_widget[name='bl_number'] input",
            run: `edit ${BL_NUMBER}`,
        },
        {
            content: "Submit to the bank",
            trigger: ".o_statusbar_buttons button[name='action_submit_to_bank']",
            run: "click",
        },
        {
            content: "Courier reference",
            trigger: ".modal .o_field_widget[name='courier_reference'] input",
            run: `edit ${COURIER}`,
        },
        {
            content: "Submit and email the documents",
            trigger: ".modal .modal-footer button[name='action_submit']",
            run: "click",
        },
        {
            content: "Open the bank submissions",
            trigger: ".o_notebook .nav-link:contains('Bank submissions')",
            run: "click",
        },
        {
            content: "The bank submission is recorded with its courier reference",
            trigger: `.o_field_widget[name='lc_presentation_ids'] .o_data_row:contains('${COURIER}')`,
        },
        {
            content: "The documents went to the bank",
            trigger: ".o_notebook .nav-link:contains('Documents')",
            run: "click",
        },
        {
            content: "The commercial invoice is sent",
            trigger: ".o_field_widget[name='document_ids'] .o_data_row:contains('Commercial Invoice') .o_field_widget[name='state']:contains('Sent')",
        },
    ],
});
