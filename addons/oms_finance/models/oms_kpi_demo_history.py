# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
import random
from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

try:
    from freezegun import freeze_time
except ImportError:  # pragma: no cover
    freeze_time = None

_logger = logging.getLogger(__name__)

DEMO_ORIGIN = "KPI demo history"
DEMO_CUSTOMERS = [
    "oms_core.res_partner_hansa_demo",
    "oms_core.res_partner_great_lakes_demo",
    "oms_core.res_partner_gulf_process_demo",
    "oms_core.res_partner_vale_verde_demo",
]
DEMO_PRODUCTS = [
    "oms_core.product_product_gate_valve_demo",
    "oms_core.product_product_ball_valve_demo",
    "oms_core.product_product_check_valve_demo",
    "oms_core.product_product_flange_demo",
    "oms_core.product_product_impeller_demo",
    "oms_core.product_product_pump_casing_demo",
]


class OmsKpiDemoHistory(models.AbstractModel):
    """Six months of demo orders for the KPI trends, run through the real
    flows day by day with the clock set to that day (freezegun): confirm
    (holds raised by the rules are released by the OMS manager), deliver
    (some late, some short), invoice on shipment (the OMS invoice policy
    job), pay (Odoo's register payment; some short payments through the
    cash application, which raises deductions), plus cancellations, returns
    and fallouts. The previous month is a bad one for deliveries: its OTIF
    breaches the demo target. Demo data only; deterministic (fixed seed)."""

    _name = "oms.kpi.demo.history"
    _description = "OMS KPI Demo History"

    @api.model
    def _oms_generate(self, count=200, days=182, seed=2026):
        company = self.env.ref(
            "oms_core.res_company_sahyadri_demo", raise_if_not_found=False
        )
        if not company or freeze_time is None:
            _logger.warning(
                "OMS KPI demo history skipped (demo company or freezegun missing)"
            )
            return False
        # `make test` builds its database with a short history: the tests
        # build their own fixtures, the demo only has to load.
        count = int(os.environ.get("OMS_DEMO_HISTORY_ORDERS") or count)
        generator = self.with_company(company).with_context(
            allowed_company_ids=[company.id],
            tracking_disable=True,
            mail_notrack=True,
            mail_create_nolog=True,
            skip_sms=True,
            # The on-shipment invoicing job runs at the delivery, in its day.
            queue_job__no_delay=True,
        )
        rng = random.Random(seed)
        today = fields.Date.context_today(generator)
        start = today - relativedelta(days=days)
        events = defaultdict(list)
        for index in range(count):
            plan = generator._oms_demo_plan(rng, index, count, start, today)
            for day, step in plan["steps"]:
                if day <= today:
                    events[day].append((step, plan))
        generator._oms_demo_stock(start, count)
        for day in sorted(events):
            with freeze_time(datetime.combine(day, time(9, 30))):
                for step, plan in events[day]:
                    if plan.get("dead"):
                        continue
                    getattr(generator, f"_oms_demo_{step}")(plan)
                generator.env.flush_all()
        Snapshot = generator.env["oms.kpi.snapshot"]
        Snapshot._oms_refresh(start, today, companies=company)
        generator.env["oms.kpi.target"]._oms_check_targets()
        return True

    @api.model
    def _oms_demo_plan(self, rng, index, count, start, today):
        day = start + relativedelta(days=int(index * (today - start).days / count))
        bad_month = day.replace(day=1) == (
            today.replace(day=1) - relativedelta(months=1)
        )
        roll = rng.random()
        ship = day + relativedelta(days=rng.randint(4, 10))
        late = rng.random() < (0.45 if bad_month else 0.08)
        if late:
            ship = day + relativedelta(days=rng.randint(16, 24))
        plan = {
            "day": day,
            "partner": self.env.ref(rng.choice(DEMO_CUSTOMERS)),
            "lines": [
                (self.env.ref(product), rng.randint(4, 30))
                for product in rng.sample(DEMO_PRODUCTS, rng.randint(1, 2))
            ],
            "promised": day + relativedelta(days=14),
            "short": rng.random() < 0.07,
            "short_paid": rng.random() < 0.08,
            "steps": [(day, "create"), (day + relativedelta(days=1), "release")],
        }
        if roll < 0.06:
            plan["steps"].append((day + relativedelta(days=2), "cancel"))
            return plan
        if roll < 0.14:
            plan["steps"].append((day + relativedelta(days=1), "fallout"))
            if rng.random() < 0.5:
                plan["steps"].append((day + relativedelta(days=3), "resolve"))
        plan["steps"].append((ship, "deliver"))
        if rng.random() < 0.06:
            plan["steps"].append((ship + relativedelta(days=6), "return"))
        plan["steps"].append((ship + relativedelta(days=rng.randint(20, 50)), "pay"))
        return plan

    @api.model
    def _oms_demo_stock(self, day, count):
        """Enough stock for the history: an inventory adjustment on its first
        day."""
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        with freeze_time(datetime.combine(day, time(8, 0))):
            quants = self.env["stock.quant"].create(
                [
                    {
                        "product_id": self.env.ref(product).id,
                        "location_id": warehouse.lot_stock_id.id,
                        "inventory_quantity": 30 * count,
                    }
                    for product in DEMO_PRODUCTS
                ]
            )
            quants.action_apply_inventory()

    # STEPS (each runs on its day)

    @api.model
    def _oms_demo_create(self, plan):
        order = self.env["sale.order"].create(
            {
                "partner_id": plan["partner"].id,
                "company_id": self.env.company.id,
                "pricelist_id": self.env.ref(
                    "oms_core.product_pricelist_usd_export_demo"
                ).id,
                "user_id": self.env.ref("oms_core.res_users_oms_user_demo").id,
                "team_id": self.env.ref("oms_core.crm_team_export_demo").id,
                "incoterm": self.env.ref("account.incoterm_FOB").id,
                "origin": DEMO_ORIGIN,
                "commitment_date": datetime.combine(plan["promised"], time(12, 0)),
                "order_line": [
                    fields.Command.create(
                        {"product_id": product.id, "product_uom_qty": qty}
                    )
                    for product, qty in plan["lines"]
                ],
            }
        )
        order.action_confirm()
        plan["order"] = order

    @api.model
    def _oms_demo_release(self, plan):
        holds = plan["order"].oms_hold_ids.filtered(lambda h: h.state == "active")
        if holds:
            manager = self.env.ref("oms_core.res_users_oms_manager_demo")
            holds.with_user(manager).action_release(
                self.env._("Checked with the customer and the bank.")
            )

    @api.model
    def _oms_demo_cancel(self, plan):
        plan["order"]._action_cancel()
        plan["dead"] = True

    @api.model
    def _oms_demo_fallout(self, plan):
        self.env["oms.fallout"]._report(
            plan["order"], "procurement", "Vendor lead time unknown for a line."
        )

    @api.model
    def _oms_demo_resolve(self, plan):
        self.env["oms.fallout"].search(
            [("order_id", "=", plan["order"].id), ("state", "=", "open")]
        )._resolve()

    @api.model
    def _oms_demo_deliver(self, plan):
        order = plan["order"]
        self._oms_demo_release(plan)
        if order.oms_hold_ids.filtered(lambda h: h.state == "active"):
            plan["dead"] = True  # still held: stays open in the pipeline
            return
        pickings = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in pickings.move_ids:
            ratio = 0.6 if plan["short"] else 1.0
            move.quantity = max(1, int(move.product_uom_qty * ratio))
        pickings.with_context(
            skip_backorder=True, cancel_backorder=True
        ).button_validate()

    @api.model
    def _oms_demo_return(self, plan):
        picking = plan["order"].picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )[:1]
        if not picking:
            return
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves[:1].quantity = 1.0
        returned = wizard._create_return()
        returned.move_ids.quantity = 1.0
        returned.button_validate()

    @api.model
    def _oms_demo_pay(self, plan):
        invoices = plan["order"].invoice_ids.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state not in ("paid", "in_payment")
            )
        )
        if not invoices:
            return
        if plan["short_paid"]:
            self._oms_demo_short_payment(invoices[0])
            return
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({})._create_payments()

    @api.model
    def _oms_demo_short_payment(self, invoice):
        """A wire short by bank charges and a claim, applied by the OMS cash
        application: the shortfall becomes a deduction."""
        journal = self.env.ref(
            "oms_finance.account_journal_bank_usd_demo", raise_if_not_found=False
        )
        if not journal:
            return
        line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": journal.id,
                "date": fields.Date.context_today(self),
                "payment_ref": f"INWARD TT {invoice.name} LESS CHARGES",
                "partner_id": invoice.commercial_partner_id.id,
                "amount": invoice.amount_residual - 180.0,
            }
        )
        self.env["oms.cash.application"]._run(line, self.env["account.payment"])
