#!/usr/bin/env python3
# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bench section "import": a customer's purchase order of N lines imported
from a CSV and an XLSX file (oms_sale_import on OCA sale_order_import)
against creating the same order through the ORM directly.

A command, not a test: it prints figures and never fails on speed. Every
change is rolled back.

    python3 tests/bench/bench_import.py --oms-db oms_bench_oms [--lines 2000] \\
        -- -c config/odoo-test.conf --addons-path=addons --db_host=localhost ...

The database needs oms_sale_import installed.
"""

import argparse
import base64
import datetime
import io
import os
import sys
from contextlib import ExitStack

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_orders as bo

HEADER = ["PO Number", "Item No", "Qty", "Delivery Date"]


class ImportFixtures(bo.Fixtures):
    """One customer with its PO layout and an item code for each product."""

    def __init__(self, env, tag, products=200):
        super().__init__(env, tag, products=products, customers=1)
        self.customer = self.customers
        env["oms.customer.product.code"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "code": f"CUST-{tag}-{i:04d}",
                    "product_id": product.id,
                }
                for i, product in enumerate(self.products)
            ]
        )
        env["oms.po.layout"].create(
            {
                "name": f"Bench {tag} layout",
                "partner_id": self.customer.id,
                "col_item_code": "Item No",
                "col_quantity": "Qty",
                "col_requested_date": "Delivery Date",
                "col_po_ref": "PO Number",
            }
        )

    def rows(self, ref, lines, tag):
        day = datetime.date.today() + datetime.timedelta(days=60)
        count = len(self.products)
        return [
            [ref, f"CUST-{tag}-{k % count:04d}", 1 + k % 5, day] for k in range(lines)
        ]

    def order_vals_from_rows(self, ref, rows):
        from odoo import Command

        return {
            "partner_id": self.customer.id,
            "client_order_ref": ref,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.products[k % len(self.products)].id,
                        "product_uom_qty": row[2],
                    }
                )
                for k, row in enumerate(rows)
            ],
        }


def _csv(rows):
    lines = [",".join(HEADER)]
    lines += [f"{r[0]},{r[1]},{r[2]},{r[3].isoformat()}" for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _xlsx(rows):
    import xlsxwriter

    stream = io.BytesIO()
    workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row[:3])
        sheet.write_datetime(
            i, 3, datetime.datetime.combine(row[3], datetime.time()), date_format
        )
    workbook.close()
    return stream.getvalue()


def _import(env, customer, filename, content):
    wizard = env["sale.order.import"].create(
        {
            "import_type": filename.rsplit(".", 1)[1],
            "order_file": base64.b64encode(content),
            "order_filename": filename,
            "partner_id": customer.id,
        }
    )
    return wizard.import_order_button()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oms-db", required=True)
    parser.add_argument("--lines", type=int, default=2000)
    args, odoo_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if odoo_args and odoo_args[0] == "--":
        odoo_args = odoo_args[1:]
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args)
    results = []
    with ExitStack() as stack:
        cr = stack.enter_context(Registry(args.oms_db).cursor())
        stack.callback(cr.rollback)
        env = bo.bench_env(cr)
        if "oms.po.layout" not in env:
            print("== import: skipped, oms_sale_import is not installed")
            return 0
        fixtures = ImportFixtures(env, "I")
        # Warm-up: caches of the models, views and pricelist.
        warm = fixtures.rows("WARM", 5, "I")
        _import(env, fixtures.customer, "warm.csv", _csv(warm))
        env["sale.order"].create(fixtures.order_vals_from_rows("WARM-ORM", warm))

        rows = fixtures.rows("ORM", args.lines, "I")
        order, sec, qry = bo.measured(
            env,
            env["sale.order"].create,
            fixtures.order_vals_from_rows("ORM", rows),
        )
        assert len(order.order_line) == args.lines
        results.append(("ORM create", sec, qry))
        for kind, build in (("csv", _csv), ("xlsx", _xlsx)):
            ref = f"IMPORT-{kind.upper()}"
            content = build(fixtures.rows(ref, args.lines, "I"))
            action, sec, qry = bo.measured(
                env, _import, env, fixtures.customer, f"{ref}.{kind}", content
            )
            imported = env["sale.order"].browse(action["res_id"])
            assert len(imported.order_line) == args.lines, kind
            results.append((f"{kind.upper()} import", sec, qry))
    print(f"== import: one purchase order of {args.lines} lines")
    print(f"{'':14}{'s':>10}{'queries':>10}{'ms/line':>10}{'q/line':>10}")
    for label, sec, qry in results:
        print(
            f"{label:14}{sec:10.2f}{qry:10d}"
            f"{1000 * sec / args.lines:10.2f}{qry / args.lines:10.2f}"
        )
    orm_sec, orm_qry = results[0][1], results[0][2]
    for label, sec, qry in results[1:]:
        print(
            f"{label + ' / ORM':14}{bo._ratio(sec, orm_sec):>10}"
            f"{bo._ratio(qry, orm_qry):>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
