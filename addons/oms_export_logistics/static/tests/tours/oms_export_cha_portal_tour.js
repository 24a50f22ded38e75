/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The customs house agent's clerk on the portal, on the demo: from the
// portal home to the Hamburg shipment, finds the commercial invoice and
// packing list its shipping bill filing needs (and no document it does not
// need), then marks the filing done. tests/test_portal_tour.py checks the
// download links answer with the PDFs.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("oms_export_cha_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The portal shows the exporter's logo, not the placeholder",
            trigger: "header .navbar-brand img[alt*='Sahyadri'][src*='/logo.png']",
        },
        {
            content: "Open the export shipments",
            trigger: "a[href='/my/shipments']",
            run: "click",
        },
        {
            content: "Open the Hamburg shipment",
            trigger: ".o_oms_portal_shipment a:contains('Hamburg'), .o_oms_portal_shipment:contains('Hamburg') a",
            run: "click",
        },
        {
            content: "The filing task is the clerk's",
            trigger: ".o_oms_portal_tasks tr:contains('Shipping bill filing')",
        },
        {
            content: "The commercial invoice is there to download",
            trigger: ".o_oms_portal_documents a.o_oms_portal_document:contains('Commercial Invoice')",
        },
        {
            content: "...and the packing list",
            trigger: ".o_oms_portal_documents a.o_oms_portal_document:contains('Packing List')",
        },
        {
            content: "No document the clerk's tasks do not need",
            trigger: ".o_oms_portal_documents:not(:has(a:contains('Bank Cover Letter')))",
        },
        {
            content: "Mark the shipping bill filing done",
            trigger: ".o_oms_portal_tasks tr:contains('Shipping bill filing') button:contains('Mark done')",
            run: "click",
        },
        {
            content: "The filing is done: no button left on it",
            trigger: ".o_oms_portal_tasks tr:contains('Shipping bill filing'):contains('Done'):not(:has(button:contains('Mark done')))",
        },
    ],
});
