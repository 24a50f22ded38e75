/** @odoo-module **/
// Copyright 2026 OMS Founding Engineers
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
//
// The order desk's morning (demo user oms_user): open the pipeline, find
// Great Lakes' order held for its credit exposure (PO GLFS-4410-0102), read
// the hold and its reason, see that a held order offers neither invoicing nor
// dispatch and one way to cancel, and its stage history. Releasing a credit
// hold is the OMS manager's (oms_role_manager_tour releases it);
// tests/test_role_tours.py checks that the visit changed nothing.
import { registry } from "@web/core/registry";
import { omsTourSteps } from "@oms_core/../tests/tours/oms_tour_steps";

const HELD_PO = "GLFS-4410-0102";
const CREDIT_REASON = "Open receivables plus open orders exceed the credit limit";

registry.category("web_tour.tours").add("oms_role_order_desk_tour", {
    steps: () => [
        ...omsTourSteps.openOmsApp(),
        ...omsTourSteps.openMenu("oms_core.oms_menu_orders", "oms_core.oms_menu_pipeline"),
        {
            content: "The pipeline has an On Hold column with Great Lakes' held order",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('On Hold')) .o_kanban_record:contains('Great Lakes'):contains('On hold')",
        },
        ...omsTourSteps.search(HELD_PO),
        {
            content: "Only the order of that PO is left",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Hansa'))):not(:has(.o_kanban_record:contains('Gulf Process')))",
        },
        {
            content: "Open the held order",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('On Hold')) .o_kanban_record:contains('Great Lakes')",
            run: "click",
        },
        ...omsTourSteps.expectStage("On Hold"),
        ...omsTourSteps.expectHoldBanner(),
        {
            content: "A held order is neither invoiced nor dispatched, and is cancelled one way",
            trigger:
                ".o_form_view .o_statusbar_buttons:has(button[name='action_oms_cancel_with_reason'])" +
                ":not(:has(button[name='action_cancel'])):not(:has(#create_invoice))" +
                ":not(:has(button[name='action_oms_confirm_dispatch']))",
        },
        ...omsTourSteps.openTab("OMS"),
        {
            content: "The hold says why: the credit exposure",
            trigger: `.o_field_widget[name='oms_hold_ids'] .o_data_row:contains('${CREDIT_REASON}'):contains('Active')`,
        },
        {
            content: "The stage history shows the order captured, then held",
            trigger: ".o_field_widget[name='oms_stage_history_ids'] .o_data_row:contains('On Hold')",
        },
        ...omsTourSteps.back(),
        {
            content: "Back on the pipeline",
            trigger: ".o_kanban_renderer .o_kanban_record:contains('Great Lakes')",
        },
    ],
});
