# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench section "kpi": the daily KPI job over a large order book.

The KPI refresh (``oms.kpi.snapshot._oms_refresh`` over six months, weeks and
months) and the target check (``oms.kpi.target._oms_check_targets``, with
breaches alerted) run over a tenth of the orders, then over all of them
(``OMS_BENCH_KPI_ORDERS``, default 10,000): their queries must stay flat in
the number of orders; only the time may grow with what PostgreSQL reads.

Registered into the bench of ``bench_orders.py`` (``--only kpi``), which
imports this module at its end.
"""

import os
from datetime import timedelta

import bench_orders as bo

KPI_ORDERS = int(os.environ.get("OMS_BENCH_KPI_ORDERS") or 10_000)
# Orders made by the ORM; the others are copies of them made in SQL.
TEMPLATES = 100
# One order in CANCEL_EVERY is cancelled, one in FALLOUT_EVERY has a fallout.
FALLOUT_EVERY, CANCEL_EVERY = 50, 20
TARGETS = (
    # metric, green, red: thresholds every period misses whatever the number
    # of orders (stays of 1 to 9 hours), so the check records and alerts the
    # same breaches at each size (an activity and a channel post each).
    ("order_count", 1_000_000.0, 999_999.0),
    ("cycle_time", 0.5, 1.0),
)


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        (table,),
    )
    return [f'"{row[0]}"' for row in cr.fetchall()]


def _templates(env, fixtures):
    """The orders the others copy: made by the ORM, one line each."""
    orders = env["sale.order"].create(
        [fixtures.order_vals(index, 1) for index in range(TEMPLATES)]
    )
    env.flush_all()
    return orders


def _create_orders(env, templates, start, count):
    """Orders ``start`` to ``start + count``: copies in SQL of the template
    orders and their lines, spread over the last 26 weeks, confirmed or
    cancelled, with a closed stage stay each and some fallouts. Fixtures, not
    the workload: running 10,000 orders through the flows would take the
    bench an hour."""
    cr = env.cr
    cols = _columns(cr, "sale_order")
    exprs = {
        '"name"': "so.name || '-K' || g",
        '"date_order"': "(now() AT TIME ZONE 'UTC') - (g %% 182) * interval '1 day'"
        " - (g %% 24) * interval '1 hour'",
        '"state"': f"CASE WHEN g %% {CANCEL_EVERY} = 0 THEN 'cancel' ELSE 'sale' END",
    }
    cr.execute(
        f"INSERT INTO sale_order ({', '.join(cols)}) "
        f"SELECT {', '.join(exprs.get(c, f'so.{c}') for c in cols)} "
        "FROM generate_series(%(start)s, %(end)s) g "
        "JOIN sale_order so ON so.id = (%(ids)s::int[])[g %% %(n)s + 1] "
        "ORDER BY g RETURNING id",
        {
            "start": start,
            "end": start + count - 1,
            "ids": templates.ids,
            "n": len(templates),
        },
    )
    new_ids = [row[0] for row in cr.fetchall()]
    sources = [templates.ids[g % len(templates)] for g in range(start, start + count)]
    cols = _columns(cr, "sale_order_line")
    select = ", ".join("n.id" if c == '"order_id"' else f"l.{c}" for c in cols)
    cr.execute(
        f"INSERT INTO sale_order_line ({', '.join(cols)}) SELECT {select} "
        "FROM unnest(%s::int[], %s::int[]) AS n(id, source) "
        "JOIN sale_order_line l ON l.order_id = n.source",
        (new_ids, sources),
    )
    cr.execute(
        "INSERT INTO oms_stage_history (order_id, company_id, user_id, stage, "
        "date_start, date_end, duration_hours, create_uid, write_uid, "
        "create_date, write_date) "
        "SELECT id, company_id, %(uid)s, 'released', date_order, "
        "date_order + (id %% 9 + 1) * interval '1 hour', id %% 9 + 1, "
        "%(uid)s, %(uid)s, now(), now() FROM sale_order WHERE id = ANY(%(ids)s)",
        {"uid": env.uid, "ids": new_ids},
    )
    cr.execute("ANALYZE sale_order")
    cr.execute("ANALYZE sale_order_line")
    env.invalidate_all()
    orders = env["sale.order"].browse(new_ids)
    env["oms.fallout"]._report(
        orders.filtered(lambda o: o.id % FALLOUT_EVERY == 0),
        "procurement",
        "Bench: no vendor",
    )
    env.flush_all()
    return orders


def _targets(env):
    return env["oms.kpi.target"].create(
        [
            {
                "metric": metric,
                "company_id": env.company.id,
                "period_type": period_type,
                "dimension": "Released" if metric == "cycle_time" else False,
                "green_threshold": green,
                "red_threshold": red,
                "user_id": env.user.id,
            }
            for metric, green, red in TARGETS
            for period_type in ("week", "month")
        ]
    )


@bo.section(
    "kpi",
    f"KPI refresh and target check over {KPI_ORDERS:,} orders",
    databases=("oms",),
)
def bench_kpi(bench, env):
    if "oms.kpi.snapshot" not in env:
        raise bo.SectionUnavailable("kpi: oms_finance is not installed")
    from odoo import fields

    # As the daily cron runs them: as the superuser (snapshots and breaches
    # are written by the system only).
    Snapshot = env["oms.kpi.snapshot"].sudo()
    Target = env["oms.kpi.target"].sudo()
    today = fields.Date.context_today(Snapshot)
    date_from = today - timedelta(days=183)
    fixtures = bo.Fixtures(env, "K", products=5, customers=20)
    templates = _templates(env, fixtures)
    # Only the bench's targets (all rolled back with the section).
    Target.with_context(active_test=False).search(
        [("company_id", "=", env.company.id)]
    ).unlink()
    targets = _targets(Target.env)
    results = []
    done = 0
    for size in (max(1, KPI_ORDERS // 10), KPI_ORDERS):
        setup = bo.Measure(f"set-up: {size - done:,} orders")
        _res, sec, qry = bo.measured(
            env, _create_orders, env, templates, done, size - done
        )
        setup.add(sec, qry)
        done = size
        results.append(setup)
        # Each size starts from no snapshot and no breach: the same work.
        Snapshot.search([]).unlink()
        targets.breach_ids.unlink()
        targets.activity_ids.unlink()
        rows, sec, qry = bo.measured(env, Snapshot._oms_refresh, date_from, today)
        refresh = bo.Measure(f"refresh 6 months, {size:,} orders", sec, qry)
        refresh.notes.append(f"{len(rows)} snapshot rows")
        _rows, sec, qry = bo.measured(env, Snapshot._oms_refresh, date_from, today)
        again = bo.Measure(f"refresh again, {size:,} orders", sec, qry)
        breaches, sec, qry = bo.measured(env, Target._oms_check_targets, today)
        check = bo.Measure(f"target check, {size:,} orders", sec, qry)
        check.notes.append(f"{len(breaches)} breaches alerted")
        results += [refresh, again, check]
    flat = [m for m in results if not m.label.startswith("set-up")]
    half = len(flat) // 2
    for small, large in zip(flat[:half], flat[half:], strict=True):
        large.notes.append(
            "queries flat"
            if large.queries <= small.queries * 1.1 + 5
            else f"queries grew from {small.queries}"
        )
    return results
