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
from contextlib import ExitStack
from dataclasses import dataclass, field

from bench_data import customer_vals, product_vals

# ---------------------------------------------------------------------------
# Section registry
# ---------------------------------------------------------------------------

SECTIONS = {}
_logger = logging.getLogger("oms.bench")
# Run as a script this module is ``__main__``: the section modules importing
# ``bench_orders`` must register into this very registry, not a second copy.
sys.modules.setdefault("bench_orders", sys.modules[__name__])


@dataclass
class Section:
    name: str
    title: str
    func: object
    databases: tuple  # ("plain", "oms") or ("oms",)
    # paired: ``func(bench, {kind: env})`` runs on every database at once
    # (interleaved) and prints its own table.
    paired: bool = False


def section(name, title, databases=("plain", "oms"), paired=False):
    """Register a bench section. ``title`` may use ``{args}`` fields."""

    def register(func):
        SECTIONS[name] = Section(name, title, func, tuple(databases), paired)
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
            [customer_vals(tag, i, country.id) for i in range(customers)]
        )
        self.products = env["product.product"].create(
            [product_vals(tag, i) for i in range(products)]
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

    def run_paired(self, sec, kinds):
        """Run ``sec`` on all of ``kinds`` at once, each in a rolled-back
        cursor; it prints its own table."""
        from odoo.modules.registry import Registry

        started = time.perf_counter()
        with ExitStack() as stack:
            envs = {}
            for kind in kinds:
                cr = stack.enter_context(Registry(self.databases[kind]).cursor())
                stack.callback(cr.rollback)
                envs[kind] = bench_env(cr)
            try:
                sec.func(self, envs)
            except Exception as error:  # report it, bench the rest
                _logger.exception("Bench section %s failed", sec.name)
                print(
                    f"FAILED: {type(error).__name__}: {error} "
                    "(traceback in the Odoo log)"
                )
        print(f"({time.perf_counter() - started:.0f} s)", flush=True)

    def run(self, names):
        for name in names:
            sec = SECTIONS[name]
            kinds = [k for k in sec.databases if k in self.databases]
            if not kinds:
                print(f"\n{name}: skipped (needs database: {', '.join(sec.databases)})")
                continue
            print(f"\n== {sec.title.format(args=self.args)}", flush=True)
            if sec.paired:
                self.run_paired(sec, kinds)
                continue
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
        "--quick",
        action="store_true",
        help="everyday figures in under 5 minutes: fewer orders, a shorter "
        "history, smaller scans (explicit sizes still win)",
    )
    parser.add_argument(
        "--orders",
        type=int,
        default=int(os.environ.get("OMS_BENCH_ORDERS") or 0) or None,
        help="orders per database and scenario in the order-to-cash workload "
        "(env OMS_BENCH_ORDERS; default 60, --quick 12)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="orders per interleaved batch (default 10, --quick 4)",
    )
    parser.add_argument(
        "--history",
        type=int,
        default=int(os.environ.get("OMS_BENCH_HISTORY") or -1),
        help="prior orders of the one customer of the history scenario "
        "(env OMS_BENCH_HISTORY; default 10000, --quick 1000, 0: no scenario)",
    )
    parser.add_argument("--lines", type=int, default=3, help="lines per order")
    parser.add_argument(
        "--warmup",
        type=int,
        default=None,
        help="unmeasured orders first (default 5, --quick 3)",
    )
    parser.add_argument(
        "--open-lines",
        default=os.environ.get("OMS_BENCH_OPEN_LINES") or "10000",
        help="open lines for the jeopardy scan (env OMS_BENCH_OPEN_LINES)",
    )
    parser.add_argument(
        "--invoice-orders",
        type=int,
        default=int(os.environ.get("OMS_BENCH_INVOICE_ORDERS") or 200),
        help="delivered orders to invoice (env OMS_BENCH_INVOICE_ORDERS)",
    )
    parser.add_argument(
        "--containers",
        default=os.environ.get("OMS_BENCH_CONTAINERS") or "20000",
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
    args, rest = parser.parse_known_args(argv)
    quick = args.quick
    defaults = {
        "orders": (12, 60),
        "batch_size": (4, 10),
        "warmup": (3, 5),
        "history": (1000, 10_000),
    }
    for name, (small, full) in defaults.items():
        if getattr(args, name) in (None, -1):
            setattr(args, name, small if quick else full)
    if quick:  # only the defaults shrink; explicit sizes stay
        for name, small in (
            ("open_lines", 1000),
            ("invoice_orders", 20),
            ("containers", 2000),
        ):
            if not os.environ.get(f"OMS_BENCH_{name.upper()}") and getattr(
                args, name
            ) == parser.get_default(name):
                setattr(args, name, small)
    return args, rest


# Sections defined in their own files register themselves on import, in
# the order they run.
# isort: off
import bench_o2c  # noqa: F401
import bench_backlog  # noqa: F401
import bench_kpi  # noqa: F401

# isort: on


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
