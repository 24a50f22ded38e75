#!/usr/bin/env python3
# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench section "supply": confirming orders with make-to-order and
buy-to-order lines, the OMS (oms_purchase, oms_mrp) against plain Odoo with
the same routes (sale_purchase_stock, sale_mrp: the product carries Replenish
on Order plus Buy or Manufacture).

A command, not a test: it prints figures and never fails on speed. Batches
of orders are confirmed in turn on each database (plain, OMS, OMS, plain,
...), so a machine busy with something else slows both alike; the median of
the batches' time and queries per order is printed, with the ratio. Every
change is rolled back.

    python3 tests/bench/bench_supply.py --plain-db oms_bench_supply_plain \\
        --oms-db oms_bench_supply_oms [--batches 10] [--batch-size 10] \\
        -- -c config/odoo-test.conf --addons-path=addons --db_host=localhost ...

The plain database needs sale_management, sale_stock, sale_purchase_stock and
sale_mrp; the OMS one the OMS addons with oms_purchase and oms_mrp.
"""

import argparse
import os
import statistics
import sys
from contextlib import ExitStack

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_orders as bo


class SupplyFixtures(bo.Fixtures):
    """Customers who wait 60 days, a component in stock, and two products
    supplied for each order: one bought from a vendor (10 days), one made
    from the component (5 days)."""

    def __init__(self, env, tag):
        super().__init__(env, tag, products=2, customers=20)
        mto = env.ref("stock.route_warehouse0_mto")
        if not mto.active:
            mto.toggle_active()
        buy = env.ref("purchase_stock.route_warehouse0_buy")
        manufacture = env.ref("mrp.route_warehouse0_manufacture")
        oms = "oms.fulfilment.strategy" in env
        if oms:
            self.customers.write({"oms_demand_lead_days": 60})
        vendor = env["res.partner"].create({"name": f"Bench {tag} Vendor"})
        component = self.products[0]
        bought, made = env["product.product"].create(
            [
                {
                    "name": f"Bench {tag} {name}",
                    "type": "consu",
                    "is_storable": True,
                    # Small amounts: the first-order fraud rule holds nothing.
                    "list_price": 1.0,
                    "invoice_policy": "delivery",
                    "hs_code": "84818000",
                }
                for name in ("Bought", "Made")
            ]
        )
        # Plain Odoo: the MTO route on the product; the OMS: the strategy
        # chooses it, the product carries only Buy or Manufacture.
        bought.route_ids = buy | (env["stock.route"] if oms else mto)
        made.route_ids = manufacture | (env["stock.route"] if oms else mto)
        if oms:
            bought.oms_strategy_id = env.ref("oms_purchase.oms_fulfilment_strategy_bto")
            made.oms_strategy_id = env.ref("oms_core.oms_fulfilment_strategy_mto")
        env["product.supplierinfo"].create(
            {
                "partner_id": vendor.id,
                "product_tmpl_id": bought.product_tmpl_id.id,
                "delay": 10,
                "price": 60.0,
            }
        )
        env["mrp.bom"].create(
            {
                "product_tmpl_id": made.product_tmpl_id.id,
                "product_qty": 1,
                "produce_delay": 5,
                "bom_line_ids": [
                    (0, 0, {"product_id": component.id, "product_qty": 2})
                ],
            }
        )
        self.products = bought | made | self.products[1]


def _confirm_batch(env, fixtures, start, size):
    """Create ``size`` orders (unmeasured), confirm them one by one.

    :returns: ``(seconds, queries)`` of the confirmations
    """
    orders = [
        env["sale.order"].create(fixtures.order_vals(index, 3))
        for index in range(start, start + size)
    ]
    env.cr.flush()
    seconds = queries = 0
    for order in orders:
        _res, sec, qry = bo.measured(env, order.action_confirm)
        seconds += sec
        queries += qry
        _check_supplied(order)
    return seconds, queries


def _check_supplied(order):
    """The workload is only comparable if every order got its supply."""
    holds = "oms_hold_ids" in order and order.oms_hold_ids.filtered(
        lambda hold: hold.state == "active"
    )
    if holds:
        raise RuntimeError(
            f"{order.name} is held: {', '.join(holds.mapped('display_name'))}"
        )
    if not (order.purchase_order_count and order.mrp_production_count):
        raise RuntimeError(f"{order.name}: no RFQ or no manufacturing order")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plain-db", required=True)
    parser.add_argument("--oms-db", required=True)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    args, odoo_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if odoo_args and odoo_args[0] == "--":
        odoo_args = odoo_args[1:]
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args)
    kinds = {"plain": args.plain_db, "oms": args.oms_db}
    per_order = {kind: {"ms": [], "q": []} for kind in kinds}
    with ExitStack() as stack:
        envs, fixtures = {}, {}
        for kind, db in kinds.items():
            cr = stack.enter_context(Registry(db).cursor())
            stack.callback(cr.rollback)
            envs[kind] = bo.bench_env(cr)
            fixtures[kind] = SupplyFixtures(envs[kind], "S")
            _confirm_batch(envs[kind], fixtures[kind], 0, args.warmup)
        start = args.warmup
        for batch in range(args.batches):
            # Interleaved, and alternating which database goes first.
            order = ("plain", "oms") if batch % 2 == 0 else ("oms", "plain")
            for kind in order:
                sec, qry = _confirm_batch(
                    envs[kind], fixtures[kind], start, args.batch_size
                )
                per_order[kind]["ms"].append(1000 * sec / args.batch_size)
                per_order[kind]["q"].append(qry / args.batch_size)
            start += args.batch_size
    print(
        f"== supply: confirm orders of 3 lines (buy-to-order, make-to-order, "
        f"stocked), {args.batches} interleaved batches of {args.batch_size}, "
        "median per order"
    )
    print(f"{'':12}{'ms/order':>10}{'q/order':>10}")
    medians = {}
    for kind in kinds:
        medians[kind] = (
            statistics.median(per_order[kind]["ms"]),
            statistics.median(per_order[kind]["q"]),
        )
        print(f"{bo.LABELS[kind]:12}{medians[kind][0]:10.1f}{medians[kind][1]:10.1f}")
    print(
        f"{'OMS / plain':12}"
        f"{bo._ratio(medians['oms'][0], medians['plain'][0]):>10}"
        f"{bo._ratio(medians['oms'][1], medians['plain'][1]):>10}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
