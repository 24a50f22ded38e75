/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The OMS manager's review (demo user oms_manager): the rules that drive the
// pipeline (the credit hold and the exporter's own Brazil priority), the
// fallout queue (Gulf Process' failed procurement), the holds overview (Great
// Lakes' credit hold, Gulf Process' missing HS code), the release of Great
// Lakes' credit hold once finance cleared it (PO GLFS-4410-0102), and the KPI
// dashboard built from the demo's history.
import { registry } from "@web/core/registry";
import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";

registry.category("web_tour.tours").add("oms_role_manager_tour", {
    steps: () => [
        ...omsTourSteps.openOmsApp(),
        // Rules
        ...omsTourSteps.openMenu("oms_core.oms_menu_config", "oms_core.oms_menu_rules"),
        {
            content: "The rules come grouped by area and event",
            trigger: ".o_list_view .o_group_header:contains('Orders')",
        },
        {
            content: "Ungroup them",
            trigger: ".o_searchview_facet:contains('Area') .o_facet_remove",
            run: "click",
        },
        {
            content: "The shipped credit hold rule is active",
            trigger:
                ".o_list_view .o_data_row:contains('Hold: credit exposure over limit'):has(.o_field_boolean_toggle input:checked)",
        },
        {
            content: "The exporter's own priority rule is listed",
            trigger: ".o_list_view .o_data_row:contains('Priority: shipments to Brazil')",
        },
        // Fallouts
        ...omsTourSteps.openMenu("oms_core.oms_menu_orders", "oms_core.oms_menu_fallouts"),
        {
            content: "Gulf Process' failed procurement waits in the fallout queue",
            trigger: ".o_list_view .o_data_row:contains('Gulf Process'):contains('Procurement'):contains('Open')",
        },
        ...omsTourSteps.openListRow("Procurement"),
        {
            content: "The fallout can be retried",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Retry')",
        },
        ...omsTourSteps.back(),
        // Holds
        ...omsTourSteps.openMenu("oms_core.oms_menu_orders", "oms_core.oms_menu_holds"),
        {
            content: "Great Lakes is held for its credit exposure",
            trigger:
                ".o_list_view .o_data_row:contains('Great Lakes'):contains('exceed the credit limit'):contains('Active')",
        },
        {
            content: "Gulf Process is held for missing data",
            trigger: ".o_list_view .o_data_row:contains('Gulf Process'):contains('Active')",
        },
        // Release the credit hold the order desk found
        ...omsTourSteps.openMenu("oms_core.oms_menu_orders", "oms_core.oms_menu_pipeline"),
        ...omsTourSteps.search("GLFS-4410-0102"),
        {
            content: "Only the order of that PO is left",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Hansa'))):not(:has(.o_kanban_record:contains('Gulf Process')))",
        },
        {
            content: "Open Great Lakes' held order",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('On Hold')) .o_kanban_record:contains('Great Lakes')",
            run: "click",
        },
        ...omsTourSteps.expectHoldBanner(),
        ...omsTourSteps.releaseHolds("Finance confirmed the advance payment: credit cleared."),
        // KPIs
        ...omsTourSteps.openMenu("oms_core.oms_menu_reporting", "oms_finance.oms_menu_kpi_dashboard"),
        {
            content: "The KPI dashboard shows OTIF by month",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains('OTIF %'), .o_pivot th:contains('OTIF %')",
        },
        {
            content: "and the order count",
            trigger: ".o_pivot th:contains('Orders')",
        },
    ],
});
