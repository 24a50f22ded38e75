# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The throughput bench's checks (nothing lost, nothing duplicated) and its
table; the workload is in ``bench_throughput.py``."""

import statistics
import time

STEPS = ("create", "confirm", "deliver", "invoice", "post", "pay")
TARGET_RATIO = 1.5


# ---------------------------------------------------------------------------
# Checks: nothing lost, nothing duplicated
# ---------------------------------------------------------------------------


def _wait_jobs(admin, since, timeout=600):
    """Wait for the queue jobs created since ``since`` to finish."""
    deadline = time.monotonic() + timeout
    domain = [
        ("date_created", ">=", since),
        ("state", "in", ("wait_dependencies", "pending", "enqueued", "started")),
    ]
    while time.monotonic() < deadline:
        if not admin("queue.job", "search_count", domain):
            return 0
        time.sleep(2)
    return admin("queue.job", "search_count", domain)


def _check_sequences(admin, problems):
    """Every posted customer invoice of the database, not only this run's: a
    gap or a double number anywhere in a sequence is a lost document.
    :returns: the number of sequences (journal and prefix) checked."""
    numbered = admin(
        "account.move",
        "search_read",
        [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
        fields=["name", "journal_id", "sequence_prefix", "sequence_number"],
    )
    names = [m["name"] for m in numbered]
    if len(set(names)) != len(names):
        problems.append("two posted invoices share a number")
    by_sequence = {}
    for move in numbered:
        key = (move["journal_id"][1], move["sequence_prefix"])
        by_sequence.setdefault(key, []).append(move["sequence_number"])
    for (journal, prefix), numbers in by_sequence.items():
        numbers.sort()
        if numbers != list(range(1, len(numbers) + 1)):
            missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
            problems.append(
                f"{journal} {prefix}: numbers not gapless from 1 "
                f"(missing {missing[:10]}, {len(numbers)} invoices)"
            )
    return len(by_sequence)


def check_documents(admin, tag, since, expected):
    """:returns: the list of problems found (empty: all good)."""
    problems = []
    orders = admin(
        "sale.order",
        "search_read",
        [("client_order_ref", "=like", f"{tag}%")],
        fields=["name", "client_order_ref", "state", "picking_ids", "invoice_ids"],
    )
    refs = [o["client_order_ref"] for o in orders]
    if len(orders) != expected:
        problems.append(f"{len(orders)} orders in the database, {expected} expected")
    if len(set(refs)) != len(refs):
        problems.append("an order was created twice (duplicate reference)")
    pickings = {
        p["id"]: p
        for p in admin(
            "stock.picking",
            "read",
            [p for o in orders for p in o["picking_ids"]],
            ["state"],
        )
    }
    moves = {
        m["id"]: m
        for m in admin(
            "account.move",
            "read",
            [m for o in orders for m in o["invoice_ids"]],
            ["name", "state", "payment_state", "matched_payment_ids", "journal_id"],
        )
    }
    for order in orders:
        name, picks, invs = order["name"], order["picking_ids"], order["invoice_ids"]
        if order["state"] != "sale":
            problems.append(f"{name}: state {order['state']}")
        if len(picks) != 1 or pickings[picks[0]]["state"] != "done":
            states = [pickings[p]["state"] for p in picks]
            problems.append(f"{name}: deliveries {states}, one done expected")
        if len(invs) != 1 or moves[invs[0]]["state"] != "posted":
            states = [moves[m]["state"] for m in invs]
            problems.append(f"{name}: invoices {states}, one posted expected")
        for move in (moves[m] for m in invs):
            if len(move["matched_payment_ids"]) != 1:
                problems.append(
                    f"{move['name']}: {len(move['matched_payment_ids'])} payments"
                )
            if move["payment_state"] not in ("paid", "in_payment"):
                problems.append(f"{move['name']}: {move['payment_state']}")
    sequences = _check_sequences(admin, problems)
    left = _wait_jobs(admin, since)
    if left:
        problems.append(f"{left} queue jobs still not done after 10 minutes")
    failed = admin(
        "queue.job",
        "search_count",
        [("date_created", ">=", since), ("state", "=", "failed")],
    )
    if failed:
        problems.append(f"{failed} queue jobs failed")
    fallouts = admin("oms.fallout", "search_count", [("create_date", ">=", since)])
    if fallouts:
        problems.append(f"{fallouts} fallouts recorded")
    return problems, len(orders), sequences


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _ms(values, quantile):
    if not values:
        return float("nan")
    values = sorted(values)
    if quantile == 0.5:
        return 1000 * statistics.median(values)
    return 1000 * values[min(len(values) - 1, int(quantile * len(values)))]


def report(args, runs):
    print(
        f"\n-- throughput: order to cash over JSON-RPC, {args.clients} concurrent "
        f"clients, {args.lines} stocked lines per order, {args.orders} orders per "
        "run, runs alternate 1 and 2 HTTP workers"
    )
    print(
        f"{'run':>4}{'workers':>9}{'orders':>8}{'errors':>8}{'seconds':>9}"
        f"{'orders/min':>12}{'retried':>9}{'load before-after':>20}"
    )
    for number, run in enumerate(runs, 1):
        load = f"{run.load[0]:.1f} - {run.load[1]:.1f}"
        print(
            f"{number:>4}{run.workers:>9}{len(run.orders):>8}{len(run.errors):>8}"
            f"{run.seconds:>9.1f}{run.per_minute:>12.1f}{run.retries:>9}{load:>20}"
        )
    by_workers = {}
    for run in runs:
        by_workers.setdefault(run.workers, []).append(run)
    print(
        f"\n{'step':10}"
        + "".join(f"{f'{w} worker' + ('s' if w > 1 else ''):^22}" for w in by_workers)
    )
    print(f"{'':10}" + "".join(f"{'median ms':>11}{'p95 ms':>11}" for _w in by_workers))
    for step in STEPS:
        cells = f"{step:10}"
        for group in by_workers.values():
            values = [v for run in group for v in run.steps[step]]
            cells += f"{_ms(values, 0.5):>11.0f}{_ms(values, 0.95):>11.0f}"
        print(cells)
    pairs = [
        (one.per_minute, two.per_minute)
        for one, two in zip(by_workers.get(1, []), by_workers.get(2, []), strict=False)
    ]
    rates = {
        w: statistics.median(run.per_minute for run in group)
        for w, group in by_workers.items()
    }
    print(
        "orders/min (median of runs): "
        + ", ".join(
            f"{w} worker{'s' if w > 1 else ''} {rate:.1f}" for w, rate in rates.items()
        )
    )
    if pairs and all(one for one, _two in pairs):
        ratios = [two / one for one, two in pairs]
        ratio = statistics.median(ratios)
        verdict = "meets" if ratio >= TARGET_RATIO else "does NOT meet"
        print(
            f"throughput 2 workers / 1 worker: {ratio:.2f}x (pairs: "
            + ", ".join(f"{r:.2f}x" for r in ratios)
            + f"), {verdict} the {TARGET_RATIO}x target"
        )
    print(
        "latency: one step as a client sees it (its JSON-RPC calls, queueing "
        "for a free worker included); retried: transactions Odoo ran again after "
        "losing a concurrent update (invisible to the client); load: the "
        "machine's 1-minute load average."
    )
