#!/usr/bin/env python3
# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""`make bench`: the OMS against plain Odoo, on the same order workload.

A command, not a test: it prints figures and never fails on speed. It opens
its own cursors and rolls every section back, so a reused database stays as
it was built.

    python3 tests/bench/bench_orders.py --plain-db oms_bench_plain \\
        --oms-db oms_bench_oms [--orders 200] [--only orders] \\
        -- -c config/odoo-test.conf --addons-path=addons --db_host=localhost ...

Everything after ``--`` (or any option this script does not know) goes to
Odoo's ``config.parse_config``. Add a section with the ``@section`` decorator:
one function taking ``(bench, env)`` and returning a list of ``Measure``.
"""

import argparse
import logging
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

# ---------------------------------------------------------------------------
# Section registry
# ---------------------------------------------------------------------------

SECTIONS = {}
_logger = logging.getLogger("oms.bench")


@dataclass
class Section:
    name: str
    title: str
    func: object
    databases: tuple  # ("plain", "oms") or ("oms",)


def section(name, title, databases=("plain", "oms")):
    """Register a bench section. ``title`` may use ``{args}`` fields."""

    def register(func):
        SECTIONS[name] = Section(name, title, func, tuple(databases))
        return func

    return register


class SectionUnavailable(Exception):
    """Raised by a section whose feature does not exist (yet) in the DB,
    with the message to print and the figures measured so far."""

    def __init__(self, message, measures=()):
        super().__init__(message)
        self.message = message
        self.measures = list(measures)


@dataclass
class Measure:
    """One figure: total seconds and queries, shown per ``per`` items."""

    label: str
    seconds: float = 0.0
    queries: int = 0
    per: int = 1  # > 1: shown as ms and queries per item
    notes: list = field(default_factory=list)

    def add(self, seconds, queries):
        self.seconds += seconds
        self.queries += queries


# ---------------------------------------------------------------------------
# Helpers shared by the sections
# ---------------------------------------------------------------------------


def measured(env, func, *args, **kwargs):
    """Run ``func`` as one request would: cold record cache, then flush and
    the pre-commit hooks (tracking, ...), which a commit would run.

    :returns: ``(result, seconds, queries)``
    """
    cr = env.cr
    env.invalidate_all()
    queries = cr.sql_log_count
    start = time.perf_counter()
    result = func(*args, **kwargs)
    cr.flush()
    return result, time.perf_counter() - start, cr.sql_log_count - queries


def bench_env(cr):
    """An environment for the administrator (a real user, record rules on)."""
    from odoo import SUPERUSER_ID, api

    root = api.Environment(cr, SUPERUSER_ID, {})
    admin = root.ref("base.user_admin")
    return root(user=admin, context=admin.context_get())


class Fixtures:
    """Customers and stocked products, identical in every database."""

    _stocked_share = 1.0

    def __init__(self, env, tag, products=10, customers=20, stock=1_000_000.0):
        self.env = env
        company = env.company
        country = company.country_id or env.ref("base.us")
        warehouse = env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        self.stock_location = warehouse.lot_stock_id
        self.incoterm = env.ref("account.incoterm_EXW")
        # The sample rules ship archived; the benchmark measures the OMS with
        # them active, as the demo story runs it.
        if "oms.rule" in env:
            samples = env["ir.model.data"].search(
                [("model", "=", "oms.rule"), ("module", "like", "oms_%")]
            )
            env["oms.rule"].with_context(active_test=False).browse(
                samples.mapped("res_id")
            ).write({"active": True})
        # Complete master data, so data-quality rules have nothing to hold.
        self.customers = env["res.partner"].create(
            [
                {
                    "name": f"Bench {tag} Customer {i:03d}",
                    "is_company": True,
                    "street": f"{i} Bench Street",
                    "city": "Springfield",
                    "zip": "12345",
                    "country_id": country.id,
                    "vat": f"BENCH{i:06d}",
                    "email": f"bench.{tag}.{i}@example.com",
                }
                for i in range(customers)
            ]
        )
        self.products = env["product.product"].create(
            [
                {
                    "name": f"Bench {tag} Product {i:03d}",
                    "default_code": f"BENCH-{tag}-{i:03d}",
                    "type": "consu",
                    "is_storable": True,
                    "list_price": 10.0 + 7 * i,
                    "invoice_policy": "delivery",
                    "hs_code": "84818000",
                }
                for i in range(products)
            ]
        )
        quants = env["stock.quant"].sudo()  # inventory set-up, not the workload
        for product in self.products[: int(len(self.products) * self._stocked_share)]:
            quants._update_available_quantity(product, self.stock_location, stock)

    def order_vals(self, index, lines, **extra):
        """Values of order ``index``: ``lines`` lines over the products."""
        from odoo import Command

        products = self.products
        return {
            "partner_id": self.customers[index % len(self.customers)].id,
            "incoterm": self.incoterm.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": products[(index + k) % len(products)].id,
                        "product_uom_qty": 1 + (index + k) % 3,
                    }
                )
                for k in range(lines)
            ],
            **extra,
        }


class PartlyStockedFixtures(Fixtures):
    """Half the products without stock: their lines stay unreserved."""

    _stocked_share = 0.5


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------

ORDER_STEPS = ("create", "confirm", "deliver", "invoice")


def _order_steps(env, fixtures, index, lines):
    """Run one order through the four steps; yield ``(step, sec, queries)``."""
    order, sec, qry = measured(
        env, env["sale.order"].create, fixtures.order_vals(index, lines)
    )
    yield "create", sec, qry
    _res, sec, qry = measured(env, order.action_confirm)
    yield "confirm", sec, qry
    pickings = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
    if not pickings:
        raise RuntimeError(
            f"{order.name} has no delivery to validate (held by a rule?)"
        )
    res, sec, qry = measured(env, pickings.button_validate)
    if res is not True:
        raise RuntimeError(f"{order.name}: validation asked for a wizard: {res}")
    yield "deliver", sec, qry

    def invoice():
        moves = order._create_invoices()
        moves.action_post()
        return moves

    moves, sec, qry = measured(env, invoice)
    if not moves or moves.filtered(lambda m: m.state != "posted"):
        raise RuntimeError(f"{order.name}: no posted invoice")
    yield "invoice", sec, qry


@section("orders", "orders: {args.orders} orders x {args.lines} lines, per order")
def bench_orders(bench, env):
    args = bench.args
    fixtures = Fixtures(env, "O")
    env.cr.flush()
    # Warm-up (not measured): caches, compiled templates, sequences.
    for index in range(args.warmup):
        for _step in _order_steps(env, fixtures, index, args.lines):
            pass
    measures = {step: Measure(step, per=args.orders) for step in ORDER_STEPS}
    for index in range(args.warmup, args.warmup + args.orders):
        for step, sec, qry in _order_steps(env, fixtures, index, args.lines):
            measures[step].add(sec, qry)
    total = Measure("total", per=args.orders)
    for measure in measures.values():
        total.add(measure.seconds, measure.queries)
    return [*measures.values(), total]


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


# ---------------------------------------------------------------------------
# Runner and report
# ---------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.databases = {}
        if args.plain_db:
            self.databases["plain"] = args.plain_db
        if args.oms_db:
            self.databases["oms"] = args.oms_db

    def run_section(self, sec, kind):
        """Run ``sec`` on database ``kind`` in its own, rolled-back cursor."""
        from odoo.modules.registry import Registry

        registry = Registry(self.databases[kind])
        with registry.cursor() as cr:
            try:
                return sec.func(self, bench_env(cr))
            finally:
                cr.rollback()

    def run(self, names):
        for name in names:
            sec = SECTIONS[name]
            kinds = [k for k in sec.databases if k in self.databases]
            if not kinds:
                print(f"\n{name}: skipped (needs database: {', '.join(sec.databases)})")
                continue
            print(f"\n== {sec.title.format(args=self.args)}", flush=True)
            results, messages, timings = {}, [], []
            for kind in kinds:
                started = time.perf_counter()
                try:
                    results[kind] = self.run_section(sec, kind)
                except SectionUnavailable as error:
                    if error.measures:
                        results[kind] = error.measures
                    messages.append(error.message)
                except Exception as error:  # report it, bench the rest
                    _logger.exception("Bench section %s failed on %s", name, kind)
                    messages.append(
                        f"{LABELS[kind]}: FAILED: {type(error).__name__}: {error} "
                        "(traceback in the Odoo log)"
                    )
                seconds = time.perf_counter() - started
                timings.append(
                    f"{LABELS[kind]} {self.databases[kind]}: {seconds:.0f} s"
                )
            if results:
                print_table(results)
            for message in messages:
                print(message)
            print(f"({', '.join(timings)})", flush=True)


LABELS = {"plain": "plain Odoo", "oms": "OMS"}


def _cells(measure):
    if measure.per > 1:
        return (
            f"{1000 * measure.seconds / measure.per:9.1f}",
            f"{measure.queries / measure.per:8.1f}",
        )
    return f"{measure.seconds:9.2f}", f"{measure.queries:8d}"


def print_table(results):
    kinds = list(results)
    per_item = any(m.per > 1 for ms in results.values() for m in ms)
    units = ("ms/order", "q/order") if per_item else ("seconds", "queries")
    width = max(len(m.label) for ms in results.values() for m in ms) + 2
    head = f"{'':{width}}" + "".join(f"{LABELS[k]:>19}" for k in kinds)
    sub = f"{'':{width}}" + "".join(f"{units[0]:>10}{units[1]:>9}" for _k in kinds)
    ratio = kinds == ["plain", "oms"]
    if ratio:
        head += f"{'OMS / plain':>20}"
        sub += f"{'time':>10}{'queries':>10}"
    print(head)
    print(sub)
    for row, measure in enumerate(results[kinds[0]]):
        line = f"{measure.label:{width}}"
        for kind in kinds:
            line += "".join(_cells(results[kind][row]))
        if ratio:
            plain, oms = results["plain"][row], results["oms"][row]
            line += f"{_ratio(oms.seconds, plain.seconds):>10}"
            line += f"{_ratio(oms.queries, plain.queries):>10}"
        notes = [n for kind in kinds for n in results[kind][row].notes]
        if notes:
            line += "   " + "; ".join(notes)
        print(line)


def _ratio(value, base):
    return f"{value / base:.2f}x" if base else "-"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain-db", help="plain Odoo database (sale, stock)")
    parser.add_argument("--oms-db", help="database with the OMS addons")
    parser.add_argument(
        "--orders",
        type=int,
        default=int(os.environ.get("OMS_BENCH_ORDERS") or 200),
        help="orders in the order workload (env OMS_BENCH_ORDERS, default 200)",
    )
    parser.add_argument("--lines", type=int, default=3, help="lines per order")
    parser.add_argument(
        "--warmup", type=int, default=5, help="unmeasured orders first (default 5)"
    )
    parser.add_argument(
        "--open-lines",
        type=int,
        default=int(os.environ.get("OMS_BENCH_OPEN_LINES") or 10_000),
        help="open lines for the jeopardy scan (env OMS_BENCH_OPEN_LINES)",
    )
    parser.add_argument(
        "--invoice-orders",
        type=int,
        default=int(os.environ.get("OMS_BENCH_INVOICE_ORDERS") or 2000),
        help="delivered orders to invoice (env OMS_BENCH_INVOICE_ORDERS)",
    )
    parser.add_argument(
        "--containers",
        type=int,
        default=int(os.environ.get("OMS_BENCH_CONTAINERS") or 20_000),
        help="containers for the demurrage scan (env OMS_BENCH_CONTAINERS); "
        "it also runs over a tenth of them",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(SECTIONS),
        help="run only this section (repeatable); default: all",
    )
    parser.add_argument(
        "--needed-databases",
        action="store_true",
        help="print the database kinds the selected sections use, and exit",
    )
    return parser.parse_known_args(argv)


def main(argv=None):
    args, odoo_args = parse_args(sys.argv[1:] if argv is None else argv)
    names = args.only or list(SECTIONS)
    if args.needed_databases:
        kinds = {k for name in names for k in SECTIONS[name].databases}
        print(" ".join(k for k in ("plain", "oms") if k in kinds))
        return 0
    if odoo_args and odoo_args[0] == "--":
        odoo_args = odoo_args[1:]
    from odoo.tools import config

    config.parse_config(odoo_args)
    bench = Bench(args)
    if not bench.databases:
        print("Give --plain-db and/or --oms-db.", file=sys.stderr)
        return 2
    print(
        "OMS bench: "
        + ", ".join(f"{LABELS[k]} = {db}" for k, db in bench.databases.items())
        + f"; sections: {', '.join(names)}"
    )
    bench.run(names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
