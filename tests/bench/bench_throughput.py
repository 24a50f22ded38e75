#!/usr/bin/env python3
# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench section "throughput": order to cash over JSON-RPC on a multi-process
Odoo, with 1 and with 2 HTTP workers.

The bench starts Odoo itself on an existing database (OMS addons installed),
in workers mode both times (``--workers 1``, then ``--workers 2``, alternated
1, 2, 1, 2 so that a machine busy with something else slows both alike), with
queue_job's runner on (``--load base,web,queue_job`` and the channels of
``config/odoo.conf``) and no cron thread (crons would skew the figures).
``--clients`` concurrent JSON-RPC clients (threads; each request waits on the
server, not on this process) log in as an OMS user and take the next order
from a shared counter until ``--orders`` orders went through the whole flow:
create, confirm, deliver (validate the picking), invoice (the "create
invoices" wizard), post, pay (the "register payment" wizard): only public
methods, what a browser or an integration may call.

It prints orders per minute for each run and each number of workers, the
ratio 2 workers / 1 worker, the median and 95th percentile latency of each
step, and then checks, as the administrator, that no document was lost or
duplicated: every order of the run has exactly one done delivery, one posted
invoice and one payment; the invoice numbers are unique and gapless per
journal and sequence prefix; no queue job failed and no fallout was recorded
during the runs. Exits 1 when a check fails (never on speed), 2 when the
bench cannot run.

    python3 tests/bench/bench_throughput.py --db oms_bench_oms_throughput \\
        [--orders 40] [--clients 4] [--pairs 2] [--http-port 8369] \\
        -- -c config/odoo-test.conf --addons-path=addons --db_host=localhost ...

Everything after ``--`` is passed to Odoo (its configuration and database
connection).
"""

import argparse
import itertools
import os
import sys
import threading
import time
from dataclasses import dataclass, field

from bench_data import customer_vals, product_vals
from throughput_report import STEPS, check_documents, report
from throughput_rpc import ROOT, Client, RpcError, Server

USER_LOGIN = "bench_throughput_user"
USER_PASSWORD = "bench-throughput"  # a throw-away user of the bench database
ADMIN = ("admin", "admin")


# ---------------------------------------------------------------------------
# Fixtures, made once over JSON-RPC as the administrator
# ---------------------------------------------------------------------------


def _ref(admin, xmlid):
    module, name = xmlid.split(".")
    found = admin(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return found[0]["res_id"] if found else False


def setup_fixtures(admin, tag, products=100, customers=20):
    """The OMS user, customers with complete master data (data-quality rules
    have nothing to hold), stocked products, the sample rules active (as in
    ``make bench``). Idempotent: a second run reuses them.

    100 products (``make bench``'s serial flow has 10): with 10, two orders
    at once nearly always reserve the same stock quants and one waits for
    the other, which measures a hot-product lock, not the workers."""
    group = _ref(admin, "oms_core.group_oms_user")
    user = admin("res.users", "search", [("login", "=", USER_LOGIN)])
    values = {
        "name": "Bench Throughput User",
        # the chatter of a paid order needs its author's address
        "email": "bench.throughput@example.com",
        "password": USER_PASSWORD,
        "groups_id": [(6, 0, [group, _ref(admin, "base.group_user")])],
    }
    if user:
        admin("res.users", "write", user, values)
    else:
        admin("res.users", "create", dict(values, login=USER_LOGIN))
    rules = admin(
        "ir.model.data",
        "search_read",
        [("model", "=", "oms.rule"), ("module", "like", "oms_%")],
        fields=["res_id"],
    )
    admin("oms.rule", "write", [r["res_id"] for r in rules], {"active": True})
    company = admin("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"]
    country = admin("res.company", "read", [company[0]], ["country_id"])[0][
        "country_id"
    ]
    country_id = country[0] if country else _ref(admin, "base.us")
    partners = admin(
        "res.partner", "search", [("name", "like", f"Bench {tag} Customer")]
    )
    if not partners:
        partners = admin(
            "res.partner",
            "create",
            [customer_vals(tag, i, country_id) for i in range(customers)],
        )
    product_ids = admin(
        "product.product", "search", [("default_code", "like", f"BENCH-{tag}-")]
    )
    if not product_ids:
        product_ids = admin(
            "product.product",
            "create",
            [product_vals(tag, i) for i in range(products)],
        )
        warehouse = admin(
            "stock.warehouse",
            "search_read",
            [("company_id", "=", company[0])],
            fields=["lot_stock_id"],
            limit=1,
        )[0]
        quants = admin(
            "stock.quant",
            "create",
            [
                {
                    "product_id": product,
                    "location_id": warehouse["lot_stock_id"][0],
                    "inventory_quantity": 1_000_000.0,
                }
                for product in product_ids
            ],
            context={"inventory_mode": True},
        )
        admin("stock.quant", "action_apply_inventory", quants)
    return {
        "partners": sorted(partners),
        "products": sorted(product_ids),
        "incoterm": _ref(admin, "account.incoterm_EXW"),
    }


# ---------------------------------------------------------------------------
# The workload
# ---------------------------------------------------------------------------


@dataclass
class Run:
    workers: int
    seconds: float = 0.0
    orders: list = field(default_factory=list)  # sale.order ids paid
    errors: list = field(default_factory=list)  # (index, step, message)
    steps: dict = field(default_factory=lambda: {step: [] for step in STEPS})
    load: tuple = ()  # load average before and after
    retries: int = 0  # transactions retried on a concurrent update

    @property
    def per_minute(self):
        return 60 * len(self.orders) / self.seconds if self.seconds else 0.0


def order_to_cash(rpc, fixtures, ref, index, lines, timings):
    """One order through the six steps, each timed into ``timings``."""
    partners, products = fixtures["partners"], fixtures["products"]

    def step(name, func):
        start = time.perf_counter()
        result = func()
        timings[name].append(time.perf_counter() - start)
        return result

    order = step(
        "create",
        lambda: rpc(
            "sale.order",
            "create",
            {
                "partner_id": partners[index % len(partners)],
                "client_order_ref": ref,
                "incoterm": fixtures["incoterm"],
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": products[(index + k) % len(products)],
                            "product_uom_qty": 1 + (index + k) % 3,
                        },
                    )
                    for k in range(lines)
                ],
            },
        ),
    )
    step("confirm", lambda: rpc("sale.order", "action_confirm", [order]))

    def deliver():
        pickings = rpc(
            "stock.picking",
            "search",
            [("sale_id", "=", order), ("state", "not in", ("done", "cancel"))],
        )
        if not pickings:
            raise RpcError("no delivery to validate (held?)")
        result = rpc("stock.picking", "button_validate", pickings)
        if result is not True:
            raise RpcError(f"validation asked for a wizard: {result}")

    step("deliver", deliver)

    def invoice():
        context = {"active_model": "sale.order", "active_ids": [order]}
        wizard = rpc(
            "sale.advance.payment.inv",
            "create",
            {
                "advance_payment_method": "delivered",
                "sale_order_ids": [(6, 0, [order])],
            },
            context=context,
        )
        rpc("sale.advance.payment.inv", "create_invoices", [wizard], context=context)
        return rpc("sale.order", "read", [order], ["invoice_ids"])[0]["invoice_ids"]

    moves = step("invoice", invoice)
    step("post", lambda: rpc("account.move", "action_post", moves))

    def pay():
        context = {"active_model": "account.move", "active_ids": moves}
        wizard = rpc("account.payment.register", "create", {}, context=context)
        rpc(
            "account.payment.register",
            "action_create_payments",
            [wizard],
            context=context,
        )

    step("pay", pay)
    return order


def run_clients(args, url, fixtures, tag, first, count, run):
    """``args.clients`` threads share orders ``first`` .. ``first+count-1``."""
    counter = itertools.count(first)
    lock = threading.Lock()

    def client():
        rpc = Client(url, args.db, USER_LOGIN, USER_PASSWORD)
        while True:
            with lock:
                index = next(counter)
            if index >= first + count:
                return
            timings = {step: [] for step in STEPS}
            ref = f"{tag}-{index:05d}"
            try:
                order = order_to_cash(rpc, fixtures, ref, index, args.lines, timings)
            except (RpcError, OSError) as error:
                with lock:
                    run.errors.append((ref, str(error)[:300]))
                continue
            with lock:
                run.orders.append(order)
                for step, values in timings.items():
                    run.steps[step].extend(values)

    threads = [threading.Thread(target=client) for _i in range(args.clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - start


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def _retries(logfile):
    """Transactions Odoo retried after losing a concurrent update (its log
    shows the failed statement each time)."""
    with open(logfile, errors="replace") as log:
        return sum("could not serialize access" in line for line in log)


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, odoo_args = argv[:cut], argv[cut + 1 :]
    else:
        odoo_args = []
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--orders", type=int, default=40, help="orders per run")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=2, help="runs of 1 then 2 workers")
    parser.add_argument("--lines", type=int, default=3)
    parser.add_argument(
        "--warmup", type=int, default=2, help="orders per worker, untimed"
    )
    parser.add_argument("--http-port", type=int, default=8369)
    parser.add_argument("--gevent-port", type=int, default=8372)
    parser.add_argument("--log-dir", default=os.path.join(ROOT, ".bench-logs"))
    args = parser.parse_args(argv)
    args.odoo_args = odoo_args
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.makedirs(args.log_dir, exist_ok=True)
    tag = time.strftime("TP%Y%m%d%H%M%S")
    runs, fixtures, since, done, problems = [], None, None, 0, []
    for number, workers in enumerate([1, 2] * args.pairs, 1):
        logfile = os.path.join(args.log_dir, f"throughput-run{number}-w{workers}.log")
        print(
            f"[throughput] run {number}: Odoo with {workers} worker(s); log: {logfile}",
            flush=True,
        )
        server, run = Server(args, workers, logfile), None
        try:
            server.wait_ready()
            admin = Client(server.url, args.db, *ADMIN)
            if fixtures is None:
                # Odoo stores UTC; the server runs on this machine.
                since = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
                fixtures = setup_fixtures(admin, "TP100")
            # Untimed: every worker loads its caches before the clock starts.
            # Checked like the timed orders (their references share the tag).
            warm = Run(workers)
            run_clients(
                args,
                server.url,
                fixtures,
                f"{tag}W{number}",
                0,
                args.warmup * workers,
                warm,
            )
            done += args.warmup * workers
            run = Run(workers, load=(os.getloadavg()[0],))
            run.errors.extend(warm.errors)
            run_clients(args, server.url, fixtures, tag, done, args.orders, run)
            done += args.orders
            run.load += (os.getloadavg()[0],)
            runs.append(run)
            print(
                f"[throughput] run {number}: {run.per_minute:.1f} orders/min, "
                f"{len(run.errors)} errors",
                flush=True,
            )
            if number == 2 * args.pairs:  # while Odoo still answers
                problems, checked, sequences = check_documents(admin, tag, since, done)
        finally:
            server.stop()
        if run:  # warm-up included: the log does not tell them apart
            run.retries = _retries(logfile)
    report(args, runs)
    errors = [e for run in runs for e in run.errors]
    problems[:0] = [f"{ref}: {message}" for ref, message in errors[:10]]
    if problems:
        print(f"\nCHECKS FAILED ({len(problems)} problems):")
        for problem in problems[:40]:
            print(f"  - {problem}")
        return 1
    print(
        f"\nchecks passed: {checked} orders each with exactly one done delivery, "
        f"one posted invoice and one payment; invoice numbers unique and gapless "
        f"in {sequences} journal sequence(s); no queue job failed or left "
        "pending; no fallout."
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RpcError as error:
        print(f"[throughput] cannot run: {error}", file=sys.stderr)
        sys.exit(2)
