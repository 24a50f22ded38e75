# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench sections over a backlog, run on a rolled-back cursor of each
database in turn: the jeopardy scan over open order lines, invoicing of
delivered orders, the demurrage and detention scan over containers."""

import os
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


def _sizes(value):
    """Sizes of a section: an int, or a comma-separated list (``10000,100000``)."""
    if isinstance(value, int):
        return [value]
    return [int(part) for part in str(value).replace(" ", "").split(",") if part]


# OMS_BENCH_OPEN_LINES and OMS_BENCH_CONTAINERS may list several sizes; the
# runner's parser reads one integer: it gets the first, this module the list.
SIZES = {}
for _name in ("OPEN_LINES", "CONTAINERS"):
    _value = os.environ.get(f"OMS_BENCH_{_name}", "")
    if "," in _value:
        SIZES[_name.lower()] = _sizes(_value)
        os.environ[f"OMS_BENCH_{_name}"] = str(SIZES[_name.lower()][0])


def _section_sizes(args, name):
    return SIZES.get(name) or _sizes(getattr(args, name))


def _sql_copy(cr, table, ids, copies, overrides=None, remap=None):
    """Insert ``copies`` copies of the rows ``ids`` of ``table`` in one
    statement, every other column as in the source row. ``overrides``:
    ``{column: SQL expression}`` over the source row ``t`` and the copy
    number ``m.k``; ``remap``: ``{column: map table}`` of the copies of the
    rows a column points to, copy k to copy k.

    :returns: the name of the map table (``old_id, new_id, k``)
    """
    overrides = overrides or {}
    remap = remap or {}
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    count = len(ids) * copies
    # A block of ids reserved at once: the copies get consecutive ids.
    cr.execute("SELECT nextval(%s)", [f"{table}_id_seq"])
    start = cr.fetchone()[0]
    cr.execute("SELECT setval(%s, %s)", [f"{table}_id_seq", start + count])
    mapping = f"bench_map_{table}"
    cr.execute(
        f"DROP TABLE IF EXISTS {mapping}; "
        f"CREATE TEMP TABLE {mapping} (old_id int, new_id int, k int)"
    )
    cr.execute(
        f"""
        INSERT INTO {mapping}
        SELECT src.id, %s + (k - 1) * %s + src.pos - 1, k
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS pos
                  FROM unnest(%s::int[]) AS u(id)) src,
               generate_series(1, %s) AS k
        """,
        [start, len(ids), list(ids), copies],
    )
    cr.execute(f"CREATE INDEX ON {mapping} (old_id, k)")
    exprs, joins = [], []
    for column in columns:
        if column in overrides:
            exprs.append(overrides[column])
        elif column in remap:
            alias = f"j_{column}"
            joins.append(
                f"LEFT JOIN {remap[column]} {alias} "
                f'ON {alias}.old_id = t."{column}" AND {alias}.k = m.k'
            )
            exprs.append(f'COALESCE({alias}.new_id, t."{column}")')
        else:
            exprs.append(f't."{column}"')
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f"INSERT INTO {table} (id, {names}) "
        f"SELECT m.new_id, {', '.join(exprs)} FROM {table} t "
        f"JOIN {mapping} m ON m.old_id = t.id {' '.join(joins)}"
    )
    # Statistics as a live table has them: without, the planner takes the
    # bulk of copies for a few rows (a summary query took minutes).
    cr.execute(f"ANALYZE {table}")
    return mapping


def _scan_measure(label, scanned, sec, qry, batch_size):
    measure = Measure(label, sec, qry)
    batches = max(1, -(-scanned // batch_size))
    measure.notes.append(
        f"{scanned:,} scanned, {batches} batches, {qry / batches:.1f} queries/batch"
    )
    return measure


@section(
    "jeopardy",
    "jeopardy scan over open order lines (OMS_BENCH_OPEN_LINES): the day's "
    "first run, then the steady state (nothing changed)",
    databases=("oms",),
)
def bench_jeopardy(bench, env):
    sizes = sorted(_section_sizes(bench.args, "open_lines"))
    Line = env["sale.order.line"]
    per_order = 10
    # Orders made through the ORM, then copied in SQL up to each size.
    templates_count = max(1, min(sizes[0] // per_order, 45))
    fixtures = PartlyStockedFixtures(env, "J", products=40, customers=50)
    env.cr.flush()
    # An aged backlog: orders placed over the last 45 days, promised two days
    # after their order date, nothing delivered, half the products out of
    # stock; so the scan finds lines on time and lines late by up to 6 weeks.
    from odoo import fields

    now = fields.Datetime.now()
    has_promise = "oms_promised_date" in Line._fields

    def create_and_confirm():
        orders = env["sale.order"].create(
            [fixtures.order_vals(index, per_order) for index in range(templates_count)]
        )
        orders.action_confirm()
        by_age = defaultdict(lambda: env["sale.order"])
        for index, order in enumerate(orders):
            by_age[index % 45] |= order
        for age, aged in by_age.items():
            placed = now - timedelta(days=age)
            aged.date_order = placed
            if has_promise:
                aged.order_line.oms_promised_date = placed.date() + timedelta(2)
        return orders

    templates, sec, qry = measured(env, create_and_confirm)
    results = [
        Measure(f"setup: {templates_count} orders x {per_order} lines (ORM)", sec, qry)
    ]
    if not hasattr(Line, "_oms_jeopardy_scan"):
        raise SectionUnavailable("jeopardy scan: not available", results)
    steady = "oms_jeopardy_next_check" in Line._fields
    bench_domain = [
        ("order_id.partner_id", "in", fixtures.customers.ids),
        ("state", "=", "sale"),
    ]
    batch_size = 1000
    orders_count = templates_count
    for size in sizes:
        copies = round(max(0, size // per_order - orders_count) / templates_count)
        if copies:

            def copy(copies=copies):
                cr = env.cr
                orders = _sql_copy(
                    cr,
                    "sale_order",
                    templates.ids,
                    copies,
                    overrides={"name": "t.name || '/' || m.k"},
                )
                lines = _sql_copy(
                    cr,
                    "sale_order_line",
                    templates.order_line.ids,
                    copies,
                    remap={"order_id": orders},
                )
                _sql_copy(
                    cr,
                    "stock_move",
                    templates.order_line.move_ids.ids,
                    copies,
                    overrides={"picking_id": "NULL"},
                    remap={"sale_line_id": lines},
                )
                env.invalidate_all()

            _res, sec, qry = measured(env, copy)
            results.append(
                Measure(f"setup: {copies * templates_count:,} orders (SQL)", sec, qry)
            )
            orders_count += copies * templates_count
        open_lines = Line.search_count(bench_domain)
        if steady:
            # The day's first run: every line due, as each morning.
            env.cr.execute("UPDATE sale_order_line SET oms_jeopardy_next_check = NULL")
        for label in ("first run", "steady state"):
            scanned, sec, qry = measured(
                env, Line._oms_jeopardy_scan, batch_size=batch_size
            )
            results.append(
                _scan_measure(
                    f"scan {open_lines:,} open lines ({label})",
                    scanned,
                    sec,
                    qry,
                    batch_size,
                )
            )
    levels = Line._read_group(bench_domain, ["oms_jeopardy_level"], ["__count"])
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
    policy = env["oms.invoice.policy"].create(
        {
            "name": "Bench invoicing",
            "sequence": -1,
            "trigger": "daily",
            "grouping": "order",
            "journal_id": journal.id,
            "auto_post": True,
        }
    )
    # Orders get their policy from invoice-policy rules, first by sequence:
    # this one comes before any other.
    env["oms.rule"].create(
        {
            "name": "Bench invoicing: every order",
            "sequence": -1,
            "event": "invoice_policy",
            "rule_type": "invoice_policy",
            "invoice_policy_id": policy.id,
            "company_id": policy.company_id.id,
            "domain": "[]",
        }
    )
    return policy


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
    "demurrage and detention scan over containers (OMS_BENCH_CONTAINERS, two "
    "clocks each): the day's first run, then the steady state",
    databases=("oms",),
)
def bench_demurrage(bench, env):
    Clock = env["oms.dd.clock"]
    if not hasattr(Clock, "_dd_scan"):
        raise SectionUnavailable("demurrage scan: not available")
    sizes = _section_sizes(bench.args, "containers")
    if len(sizes) == 1:  # one size: a tenth of it too
        sizes = [max(1, sizes[0] // 10), sizes[0]]
    fixtures = DemurrageFixtures(env)
    env = fixtures.env
    Clock = env["oms.dd.clock"]
    batch_size = 500
    results = []
    # Containers made through the ORM (every pick-up and gate-in offset of
    # the fixtures), copied in SQL with their shipments and clocks.
    per_template = 60
    for tag, size in zip("ABCDEFGH", sorted(sizes), strict=False):
        templates, setup = fixtures.create_containers(tag, min(size, per_template))
        results.append(setup)
        containers = templates
        copies = (size - len(templates)) // len(templates)
        if copies:

            def copy(templates=templates, copies=copies, tag=tag):
                cr = env.cr
                shipments = _sql_copy(
                    cr,
                    "oms_export_shipment",
                    templates.shipment_id.ids,
                    copies,
                    overrides={"name": "t.name || '/' || m.k"},
                )
                copied = _sql_copy(
                    cr,
                    "oms_export_container",
                    templates.ids,
                    copies,
                    overrides={"name": "t.name || '/' || m.k"},
                    remap={"shipment_id": shipments},
                )
                _sql_copy(
                    cr,
                    "oms_dd_clock",
                    templates.dd_clock_ids.ids,
                    copies,
                    remap={"container_id": copied, "shipment_id": shipments},
                )
                cr.execute(f"SELECT new_id FROM {copied}")
                env.invalidate_all()
                return env["oms.export.container"].browse(
                    row[0] for row in cr.fetchall()
                )

            copied, sec, qry = measured(env, copy)
            results.append(
                Measure(f"setup: {len(copied):,} containers (SQL)", sec, qry)
            )
            containers |= copied
        clocks = containers.dd_clock_ids
        for label in ("first run", "same day again"):
            scanned, sec, qry = measured(
                env, Clock._dd_scan, clocks=clocks, batch_size=batch_size
            )
            results.append(
                _scan_measure(
                    f"scan {len(containers):,} containers ({label})",
                    scanned,
                    sec,
                    qry,
                    batch_size,
                )
            )
    moves = env["account.move"].search_count(
        [("journal_id", "=", env.company.dd_journal_id.id)]
    )
    results[-1].notes.append(f"{moves} accrual entries")
    return results
