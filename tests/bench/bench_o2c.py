# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench section "orders": order to cash, plain Odoo against the OMS.

Each order runs the whole flow, one step per simulated request (a
transaction of its own with a cold cache, as Odoo's HTTP layer gives each
request; flush and pre-commit hooks after): create, confirm, deliver (validate
the picking), invoice (``_create_invoices``), post, pay (Odoo's payment
register wizard). Both databases are open at once and run alternating
batches of orders (plain then OMS, then OMS then plain, ...), so a machine
busy with something else slows both sides alike; each batch pair gives one
OMS / plain ratio, and the spread of those ratios says how far to trust the
times. Query counts and Python CPU time (``time.process_time``, this process
only: PostgreSQL's own work is in the wall time) are not disturbed by load.

Two scenarios: orders spread over 20 customers, and one customer with a long
history (``--history`` prior confirmed orders, copied in SQL in both
databases), whose cost per order must not grow with that history.
"""

import cProfile
import pstats
import statistics
import time
from dataclasses import dataclass, field

import bench_orders as bo

STEPS = ("create", "confirm", "deliver", "invoice", "post", "pay")
# Paired-batch time ratios spread more than this: the times are noise.
TRUST_SPREAD = 0.20
# Orders per side run once more under cProfile, after the timed batches, to
# count the Python calls of each step: a measure of the work done that load
# does not disturb (it runs slower, so it is kept out of the timed figures).
COUNTED_ORDERS = 4


@dataclass
class Sample:
    wall: float = 0.0  # seconds
    cpu: float = 0.0  # seconds of this process
    queries: int = 0

    def __iadd__(self, other):
        self.wall += other.wall
        self.cpu += other.cpu
        self.queries += other.queries
        return self


@dataclass
class Side:
    """The samples of one database in one scenario."""

    steps: dict = field(default_factory=lambda: {step: [] for step in STEPS})
    orders: list = field(default_factory=list)  # Sample per order, all steps
    batches: list = field(default_factory=list)  # Sample per batch
    calls: dict = field(default_factory=lambda: {step: [] for step in STEPS})


def _new_request(env):
    """The environment of a new request on ``env``'s cursor: a transaction
    of its own, as Odoo's HTTP layer opens one per request (a cursor per
    request). Its cache is empty and it holds no environment of earlier
    requests: on a shared transaction, those that the garbage collector has
    not freed yet make every environment lookup (``with_context``,
    ``sudo``) scan them, a cost no real request has and that differed
    between the two databases with the collector's timing."""
    from odoo import api

    env.cr.flush()
    env.cr.transaction = None
    return api.Environment(env.cr, env.uid, env.context, su=env.su)


def _request(env, func, *args):
    """Run ``func`` as one request: cold cache, then flush and pre-commit
    hooks (what a commit runs). ``env`` comes from ``_new_request``.
    :returns: ``(result, Sample)``"""
    cr = env.cr
    env.invalidate_all()
    queries = cr.sql_log_count
    cpu, wall = time.process_time(), time.perf_counter()
    result = func(*args)
    cr.flush()
    return result, Sample(
        time.perf_counter() - wall,
        time.process_time() - cpu,
        cr.sql_log_count - queries,
    )


def _counted_request(env, func, *args):
    """Run ``func`` as one ``_request``, under cProfile.
    :returns: ``(result, calls)``: the Python calls made (C builtins too)"""
    profile = cProfile.Profile()

    def profiled():
        with profile:
            result = func(*args)
            env.cr.flush()  # the request's own flush, counted too
        return result

    result, _sample = _request(env, profiled)
    return result, pstats.Stats(profile).total_calls


def _pay(moves):
    wizard = (
        moves.env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=moves.ids)
        .create({})
    )
    return wizard._create_payments()


def _step(request, records, func):
    """``func(records)`` as a new request: ``(records, result, sample)``,
    the records in the request's environment."""
    env = _new_request(records.env)
    records = records.with_env(env)
    result, sample = request(env, func, records)
    return records, result, sample


def _order_to_cash(env, fixtures, index, lines, request=_request):
    """One order through the six steps, each step a request of its own;
    yields ``(step, Sample)`` (what ``request`` returns beside the
    result). The caller's ``env`` is as before, its cache emptied."""
    outer = env.cr.transaction
    vals = fixtures.order_vals(index, lines)
    try:
        _orders, order, sample = _step(
            request, env["sale.order"], lambda orders: orders.create(vals)
        )
        yield "create", sample
        order, _res, sample = _step(request, order, lambda o: o.action_confirm())
        yield "confirm", sample
        pickings = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        if not pickings:
            raise RuntimeError(f"{order.name} has no delivery to validate (held?)")
        _pickings, res, sample = _step(request, pickings, lambda p: p.button_validate())
        if res is not True:
            raise RuntimeError(f"{order.name}: validation asked for a wizard: {res}")
        yield "deliver", sample
        order, moves, sample = _step(request, order, lambda o: o._create_invoices())
        yield "invoice", sample
        moves, _res, sample = _step(request, moves, lambda m: m.action_post())
        yield "post", sample
        moves, _res, sample = _step(request, moves, _pay)
        if moves.filtered(lambda m: m.payment_state not in ("paid", "in_payment")):
            raise RuntimeError(f"{order.name}: invoice not paid")
        yield "pay", sample
    finally:
        env.cr.flush()
        env.cr.transaction = outer
        outer.clear()  # the steps changed the database under its cache


class HistoryFixtures(bo.Fixtures):
    """One customer, ``history`` prior confirmed orders of 3 lines each:
    one order made by the ORM, then copied row for row in SQL (fast, and the
    same in both databases)."""

    def __init__(self, env, tag, history):
        super().__init__(env, tag, customers=1)
        template = env["sale.order"].create(self.order_vals(0, 3))
        template.action_confirm()
        env.flush_all()
        cr = env.cr
        order_cols = self._columns(cr, "sale_order")
        exprs = {
            "name": "so.name || '-H' || g",
            "date_order": "so.date_order - g * interval '1 hour'",
        }
        select = ", ".join(exprs.get(c, f"so.{c}") for c in order_cols)
        cr.execute(
            f"INSERT INTO sale_order ({', '.join(order_cols)}) "
            f"SELECT {select} FROM sale_order so, generate_series(1, %s) g "
            "WHERE so.id = %s RETURNING id",
            (history, template.id),
        )
        new_ids = [row[0] for row in cr.fetchall()]
        line_cols = self._columns(cr, "sale_order_line")
        select = ", ".join("n.id" if c == "order_id" else f"l.{c}" for c in line_cols)
        cr.execute(
            f"INSERT INTO sale_order_line ({', '.join(line_cols)}) "
            f"SELECT {select} FROM sale_order_line l "
            "CROSS JOIN unnest(%s::int[]) AS n(id) WHERE l.order_id = %s",
            (new_ids, template.id),
        )
        cr.execute("ANALYZE sale_order")
        cr.execute("ANALYZE sale_order_line")
        env.invalidate_all()

    @staticmethod
    def _columns(cr, table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
            (table,),
        )
        return [f'"{row[0]}"' for row in cr.fetchall()]


def _run_scenario(bench, envs, make_fixtures, batches, batch_size):
    args = bench.args
    sides = {kind: Side() for kind in envs}
    fixtures = {kind: make_fixtures(env) for kind, env in envs.items()}
    for kind, env in envs.items():  # warm-up: caches, templates, sequences
        for index in range(args.warmup):
            for _step in _order_to_cash(env, fixtures[kind], index, args.lines):
                pass
        # Statistics of the tables as they are now in both databases (fixtures
        # and warm-up orders, this transaction's own rows included): without
        # them the planner judges tables by their size on disk, which earlier
        # rolled-back runs left different in each database, and picked plans
        # for the payment queries that took twice as long on one side.
        env.cr.execute("ANALYZE")
    start = args.warmup
    for batch in range(batches):
        kinds = list(envs) if batch % 2 == 0 else list(reversed(envs))
        for kind in kinds:
            side, batch_total = sides[kind], Sample()
            for index in range(start, start + batch_size):
                order_total = Sample()
                for step, sample in _order_to_cash(
                    envs[kind], fixtures[kind], index, args.lines
                ):
                    side.steps[step].append(sample)
                    order_total += sample
                side.orders.append(order_total)
                batch_total += order_total
            side.batches.append(batch_total)
        start += batch_size
    for kind, env in envs.items():
        for index in range(start, start + COUNTED_ORDERS):
            for step, calls in _order_to_cash(
                env, fixtures[kind], index, args.lines, request=_counted_request
            ):
                sides[kind].calls[step].append(calls)
    return sides


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _med(samples, attr):
    return statistics.median(getattr(s, attr) for s in samples)


def _min(samples, attr):
    return min(getattr(s, attr) for s in samples)


def _row(label, by_kind):
    cells = f"{label:10}"
    for samples in by_kind.values():
        cells += (
            f"{1000 * _med(samples, 'wall'):9.1f}{1000 * _min(samples, 'wall'):8.1f}"
            f"{1000 * _med(samples, 'cpu'):8.1f}{_med(samples, 'queries'):8.0f}"
        )
    if len(by_kind) == 2:
        plain, oms = by_kind.values()
        for attr in ("wall", "cpu", "queries"):
            cells += f"{bo._ratio(_med(oms, attr), _med(plain, attr)):>8}"
    return cells


def _print_scenario(title, sides, batches, batch_size):
    kinds = list(sides)
    print(
        f"\n-- {title}: {batches} batches x {batch_size} orders per side, "
        "interleaved (first side alternates)"
    )
    head = f"{'':10}" + "".join(f"{bo.LABELS[k]:^33}" for k in kinds)
    sub = f"{'step':10}" + "".join(
        f"{'wall ms':>9}{'(min)':>8}{'cpu ms':>8}{'queries':>8}" for _k in kinds
    )
    if len(kinds) == 2:
        head += f"{'OMS / plain (medians)':^24}"
        sub += f"{'wall':>8}{'cpu':>8}{'queries':>8}"
    print(head)
    print(sub)
    for step in STEPS:
        print(_row(step, {k: sides[k].steps[step] for k in kinds}))
    print(_row("order", {k: sides[k].orders for k in kinds}))
    if len(kinds) != 2:
        return
    plain, oms = sides["plain"], sides["oms"]
    ratios = {}
    for attr in ("wall", "cpu", "queries"):
        ratios[attr] = [
            getattr(o, attr) / getattr(p, attr)
            for p, o in zip(plain.batches, oms.batches, strict=True)
            if getattr(p, attr)
        ]
    print(
        "paired batches, OMS / plain per order: "
        + ", ".join(
            f"{attr} {statistics.median(values):.3f}x "
            f"[{min(values):.3f}-{max(values):.3f}]"
            for attr, values in ratios.items()
            if values
        )
    )
    calls = {
        kind: {step: statistics.median(side.calls[step]) for step in STEPS}
        for kind, side in sides.items()
    }
    for per_step in calls.values():
        per_step["order"] = sum(per_step.values())
    print(
        f"python calls, OMS / plain (median of {COUNTED_ORDERS} orders per side "
        "under cProfile): "
        + ", ".join(
            f"{step} {calls['oms'][step] / calls['plain'][step]:.3f}x"
            for step in (*STEPS, "order")
        )
        + f" ({calls['oms']['order'] / 1000:.0f}k against "
        f"{calls['plain']['order'] / 1000:.0f}k per order)"
    )
    for warning in _warnings(ratios):
        print(f"WARNING: {warning}")


def _warnings(ratios):
    wall, queries = ratios["wall"], ratios["queries"]
    if not wall:
        return []
    warnings = []
    time_ratio = statistics.median(wall)
    if time_ratio < 1 and statistics.median(queries) > 1:
        warnings.append(
            "the OMS takes less time than plain Odoo while it runs more "
            "queries: the machine was busy, the times cannot be trusted "
            "(the query and CPU figures can)"
        )
    spread = (max(wall) - min(wall)) / time_ratio
    if spread > TRUST_SPREAD:
        warnings.append(
            f"the paired-batch time ratios spread over {100 * spread:.0f} % "
            f"of their median (more than {100 * TRUST_SPREAD:.0f} %): the "
            "times are noisy, compare the CPU and query columns"
        )
    return warnings


@bo.section(
    "orders",
    "order to cash: create, confirm, deliver, invoice, post, pay; "
    "{args.lines} stocked lines per order, one request per step; median "
    "and (min) per order",
    paired=True,
)
def bench_order_to_cash(bench, envs):
    args = bench.args
    batch_size = args.batch_size
    batches = max(1, args.orders // batch_size)
    sides = _run_scenario(
        bench, envs, lambda env: bo.Fixtures(env, "O"), batches, batch_size
    )
    _print_scenario("spread: orders over 20 customers", sides, batches, batch_size)
    if args.history:
        sides = _run_scenario(
            bench,
            envs,
            lambda env: HistoryFixtures(env, "H", args.history),
            batches,
            batch_size,
        )
        _print_scenario(
            f"history: one customer with {args.history:,} prior orders",
            sides,
            batches,
            batch_size,
        )
    print(
        "wall: elapsed time; cpu: Python CPU time of the bench process (the "
        "database's work is in wall only); queries: SQL statements sent; "
        "python calls: the Python work done, which a busy machine does not "
        "change."
    )
