# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench sections over a backlog, run on a rolled-back cursor of each
database in turn: the jeopardy scan over open order lines, invoicing of
delivered orders, the demurrage and detention scan over containers."""

from collections import defaultdict
from datetime import timedelta

from bench_orders import (
    Fixtures,
    Measure,
    PartlyStockedFixtures,
    SectionUnavailable,
    measured,
    section,
)


@section(
    "jeopardy",
    "jeopardy scan over {args.open_lines:,} open order lines",
    databases=("oms",),
)
def bench_jeopardy(bench, env):
    args = bench.args
    Line = env["sale.order.line"]
    per_order = 10
    orders_count = max(1, args.open_lines // per_order)
    batch = 100
    fixtures = PartlyStockedFixtures(env, "J", products=40, customers=50)
    env.cr.flush()
    # An aged backlog: orders placed over the last 45 days, promised two days
    # after their order date, nothing delivered, half the products out of
    # stock; so the scan finds lines on time and lines late by up to 6 weeks.
    from odoo import fields

    now = fields.Datetime.now()
    has_promise = "oms_promised_date" in Line._fields
    setup = Measure(f"setup: {orders_count:,} confirmed orders x {per_order} lines")
    for start in range(0, orders_count, batch):
        indexes = range(start, min(start + batch, orders_count))

        def create_and_confirm(indexes=indexes):
            orders = env["sale.order"].create(
                [fixtures.order_vals(index, per_order) for index in indexes]
            )
            orders.action_confirm()
            by_age = defaultdict(lambda: env["sale.order"])
            for index, order in zip(indexes, orders, strict=True):
                by_age[index % 45] |= order
            for age, aged in by_age.items():
                placed = now - timedelta(days=age)
                aged.date_order = placed
                if has_promise:
                    aged.order_line.oms_promised_date = placed.date() + timedelta(2)
            return orders

        _orders, sec, qry = measured(env, create_and_confirm)
        setup.add(sec, qry)
    open_lines = Line.search_count(
        [
            ("order_id.partner_id", "in", fixtures.customers.ids),
            ("state", "=", "sale"),
        ]
    )
    setup.notes.append(f"{open_lines:,} open lines")
    if not hasattr(Line, "_oms_jeopardy_scan"):
        raise SectionUnavailable("jeopardy scan: not available", [setup])
    results = [setup]
    for label in ("scan (first run)", "scan (steady state)"):
        _res, sec, qry = measured(env, Line._oms_jeopardy_scan)
        results.append(Measure(label, sec, qry))
    levels = Line._read_group(
        [("order_id.partner_id", "in", fixtures.customers.ids)],
        ["oms_jeopardy_level"],
        ["__count"],
    )
    order = ["none", "low", "medium", "high", "critical"]
    levels.sort(key=lambda group: order.index(group[0]) if group[0] in order else 9)
    results[-1].notes.append(
        ", ".join(f"{level or 'none'}: {count:,}" for level, count in levels)
    )
    return results


def _delivered_orders(env, fixtures, count, lines, batch=100):
    """``count`` confirmed orders, delivered in batches (set-up, unmeasured)."""
    orders = env["sale.order"]
    for start in range(0, count, batch):
        chunk = env["sale.order"].create(
            [
                fixtures.order_vals(index, lines)
                for index in range(start, min(start + batch, count))
            ]
        )
        chunk.action_confirm()
        pickings = chunk.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
        undelivered = chunk.filtered(lambda o: o.invoice_status != "to invoice")
        if undelivered:
            raise RuntimeError(
                f"{len(undelivered)} orders not delivered (held by a rule?): "
                f"{', '.join(undelivered[:5].mapped('name'))}"
            )
        env.cr.flush()
        orders |= chunk
    return orders


def _oms_invoice_policy(env):
    journal = env["account.journal"].search(
        [("company_id", "=", env.company.id), ("type", "=", "sale")], limit=1
    )
    return env["oms.invoice.policy"].create(
        {
            "name": "Bench invoicing",
            "sequence": -1,
            "trigger": "daily",
            "grouping": "order",
            "journal_id": journal.id,
            "auto_post": True,
        }
    )


@section(
    "invoicing",
    "invoicing: {args.invoice_orders:,} delivered orders x {args.lines} lines, "
    "per order (OMS: invoicing jobs run synchronously)",
)
def bench_invoicing(bench, env):
    args = bench.args
    fixtures = Fixtures(env, "I")
    setup = Measure("setup: create, confirm, deliver", per=args.invoice_orders)
    orders, sec, qry = measured(
        env, _delivered_orders, env, fixtures, args.invoice_orders, args.lines
    )
    setup.add(sec, qry)
    measure = Measure("invoice + post", per=len(orders))
    if "oms.invoice.policy" in env:
        # The OMS path: the policy's job, one savepoint and row lock per order.
        policy = _oms_invoice_policy(env)
        todo = policy._oms_get_invoiceable_orders(orders)
        for start in range(0, len(todo), policy.batch_size):
            batch = todo[start : start + policy.batch_size]
            _res, sec, qry = measured(env, policy._oms_job_invoice_orders, batch)
            measure.add(sec, qry)
    else:
        for order in orders:

            def invoice(order=order):
                moves = order._create_invoices()
                moves.action_post()
                return moves

            _res, sec, qry = measured(env, invoice)
            measure.add(sec, qry)
    invoiced = orders.filtered(lambda o: o.invoice_status == "invoiced")
    measure.notes.append(f"{len(invoiced):,} orders invoiced")
    return [setup, measure]


class DemurrageFixtures:
    """A carrier with D&D tariffs, accrual accounts, and containers on
    minimal shipments, created in batches without tracking."""

    per_shipment = 50

    def __init__(self, env):
        from odoo import Command

        self.env = env(
            context=dict(
                env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
            )
        )
        env = self.env
        self.carrier = env["res.partner"].create({"name": "Bench Ocean Line"})
        self.customer = env["res.partner"].create({"name": "Bench D&D Customer"})
        self.incoterm = env.ref("account.incoterm_CIF")
        tiers = [
            Command.create({"from_day": 1, "to_day": 4, "rate": 50.0}),
            Command.create({"from_day": 5, "to_day": 0, "rate": 120.0}),
        ]
        env["oms.dd.tariff"].create(
            [
                {
                    "name": f"Bench {clock_type}",
                    "carrier_id": self.carrier.id,
                    "clock_type": clock_type,
                    "free_days": 4,
                    "tier_ids": tiers,
                }
                for clock_type in ("origin_detention", "origin_storage")
            ]
        )
        accounts = env["account.account"].create(
            [
                {
                    "name": "Bench D&D expense",
                    "code": "BDD001",
                    "account_type": "expense",
                },
                {
                    "name": "Bench D&D accrued",
                    "code": "BDD002",
                    "account_type": "liability_current",
                },
            ]
        )
        journal = env["account.journal"].create(
            {"name": "Bench D&D", "code": "BDDJ", "type": "general"}
        )
        env.company.write(
            {
                "dd_journal_id": journal.id,
                "dd_expense_account_id": accounts[0].id,
                "dd_accrual_account_id": accounts[1].id,
            }
        )

    def create_containers(self, tag, count, batch=1000):
        """``count`` containers picked up 5 to 24 days ago, at the terminal
        since 3 to 14 days; one in three loaded since. Two clocks each run
        or stopped with charges, the destination clocks have not started.

        :returns: ``(containers, Measure)``
        """
        from odoo import fields

        env = self.env
        now = fields.Datetime.now()
        setup = Measure(f"setup: {count:,} containers ({tag})")
        containers = env["oms.export.container"]
        for start in range(0, count, batch):
            indexes = range(start, min(start + batch, count))

            def create(indexes=indexes):
                shipments = env["oms.export.shipment"].create(
                    [
                        {
                            "partner_id": self.customer.id,
                            "incoterm_id": self.incoterm.id,
                        }
                        for _i in range(0, len(indexes), self.per_shipment)
                    ]
                )
                vals_list = []
                for position, index in enumerate(indexes):
                    picked = now - timedelta(days=5 + index % 20)
                    gate_in = picked + timedelta(days=2 + index % 3)
                    vals = {
                        "name": f"B{tag}U{index:07d}",
                        "shipment_id": shipments[position // self.per_shipment].id,
                        "carrier_id": self.carrier.id,
                        "origin_port": "INNSA",
                        "destination_port": "DEHAM",
                        "empty_pickup_date": picked,
                        "gate_in_date": gate_in,
                    }
                    if index % 3 == 0:
                        vals["loaded_date"] = min(gate_in + timedelta(days=6), now)
                    vals_list.append(vals)
                return env["oms.export.container"].create(vals_list)

            created, sec, qry = measured(env, create)
            containers |= created
            setup.add(sec, qry)
        return containers, setup


@section(
    "demurrage",
    "demurrage and detention scan over {args.containers:,} containers",
    databases=("oms",),
)
def bench_demurrage(bench, env):
    Clock = env["oms.dd.clock"]
    if not hasattr(Clock, "_dd_scan"):
        raise SectionUnavailable("demurrage scan: not available")
    count = bench.args.containers
    fixtures = DemurrageFixtures(env)
    env = fixtures.env
    Clock = env["oms.dd.clock"]
    batch_size = 500
    results = []
    for tag, size in (("S", max(1, count // 10)), ("L", count)):
        containers, setup = fixtures.create_containers(tag, size)
        results.append(setup)
        clocks = containers.dd_clock_ids
        for label in ("first run", "same day again"):
            scanned, sec, qry = measured(
                env, Clock._dd_scan, clocks=clocks, batch_size=batch_size
            )
            measure = Measure(f"scan {size:,} containers ({label})", sec, qry)
            batches = max(1, -(-scanned // batch_size))
            measure.notes.append(
                f"{scanned:,} clocks, {batches} batches, "
                f"{qry / batches:.1f} queries/batch, "
                f"{1000 * qry / size:.0f} queries/1000 containers"
            )
            results.append(measure)
    moves = env["account.move"].search_count(
        [("journal_id", "=", env.company.dd_journal_id.id)]
    )
    results[-1].notes.append(f"{moves} accrual entries")
    return results
