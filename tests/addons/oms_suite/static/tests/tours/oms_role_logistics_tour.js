/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The export coordinator's rounds (demo user oms_user, who works the export
// shipments): the shipments list, the CIF Hamburg shipment under letter of
// credit HHB-DC-2026-0188 on its way, tab by tab (plan and tasks, parties,
// cargo and containers, the document checklist, money and bank), then the
// containers with their seals and demurrage and detention clocks.
import { registry } from "@web/core/registry";
import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";

const HANSA = "Hansa Pumpen Handel";
const CONTAINERS = ["ASLU4012346", "ASLU2098761"];

function fieldShows(name, text) {
    return {
        content: `${name} shows ${text}`,
        trigger: `.o_form_view .o_field_widget[name='${name}']:contains('${text}'), .o_form_view .o_field_widget[name='${name}'] input:value('${text}')`,
    };
}

function checklistRow(documentName, state) {
    return {
        content: `The checklist has the ${documentName}, ${state}`,
        trigger: `.o_field_widget[name='document_ids'] .o_data_row:contains('${documentName}'):contains('${state}')`,
    };
}

registry.category("web_tour.tours").add("oms_role_logistics_tour", {
    steps: () => [
        ...omsTourSteps.openOmsApp(),
        ...omsTourSteps.openMenu(
            "oms_export_logistics.oms_export_menu",
            "oms_export_logistics.oms_export_shipment_menu"
        ),
        {
            content: "Hansa's CIF shipment is in transit",
            trigger: `.o_list_view .o_data_row:contains('${HANSA}'):contains('In Transit')`,
        },
        ...omsTourSteps.openListRow(HANSA),
        {
            content: "The shipment is in transit",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('In Transit')",
        },
        fieldShows("incoterm_id", "CIF"),
        fieldShows("letter_credit_id", "HHB-DC-2026-0188"),
        fieldShows("bl_number", "NCLBOMHAM2611042"),
        // Plan: routing, booking and the coordination tasks
        ...omsTourSteps.openPage("plan", "Plan"),
        fieldShows("vessel", "Nordsee Express"),
        fieldShows("booking_number", "NCL-BOM-771204"),
        {
            content: "The CHA's shipping bill filing is to do",
            trigger: ".o_field_widget[name='task_ids'] .o_data_row:contains('Shipping bill filing'):contains('JNPT Customs Clearing Agency')",
        },
        // Parties
        ...omsTourSteps.openPage("service_parties", "Parties"),
        fieldShows("cha_id", "JNPT Customs Clearing Agency"),
        fieldShows("transporter_id", "Deccan Roadways"),
        // Cargo
        ...omsTourSteps.openPage("cargo", "Cargo"),
        ...CONTAINERS.map((container) => ({
            content: `Container ${container} is stuffed`,
            trigger: `.o_field_widget[name='container_ids'] .o_data_row:contains('${container}')`,
        })),
        // Documents
        ...omsTourSteps.openPage("documents", "Documents"),
        checklistRow("Commercial Invoice", "Verified"),
        checklistRow("Packing List", "Verified"),
        checklistRow("Bill of Lading or Air Waybill", "Verified"),
        checklistRow("Insurance Certificate", "Verified"),
        // Money and bank
        ...omsTourSteps.openPage("bank", "Money and Bank submissions"),
        {
            content: "The set can be submitted to the bank",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_submit_to_bank']",
        },
        // Containers
        ...omsTourSteps.openMenu(
            "oms_export_logistics.oms_export_menu",
            "oms_export_logistics.oms_export_container_menu"
        ),
        ...CONTAINERS.map((container) => ({
            content: `${container} is listed`,
            trigger: `.o_list_view .o_data_row:contains('${container}')`,
        })),
        ...omsTourSteps.openListRow(CONTAINERS[0]),
        fieldShows("seal_number", "ASL889201"),
        ...omsTourSteps.openPage("dd", "Demurrage and Detention"),
        {
            content: "The container's D&D clocks are kept",
            trigger: ".o_form_view .o_notebook .tab-pane.active .o_data_row",
        },
    ],
});
