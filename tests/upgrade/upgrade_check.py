# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Snapshot and compare of a database around the oms_finance split upgrade.

    upgrade_check.py snapshot DB OUT.json
    upgrade_check.py compare DB BEFORE.json XMLIDS_FILE

Reads PostgreSQL directly (PG* environment variables, as scripts/lib.sh sets
them), so the same queries run on the previous layout and on the upgraded
database. ``compare`` prints one line per failed check and exits 1 if any.
"""

import json
import os
import sys

import psycopg2

FINANCE_TABLES = [
    "oms_invoice_policy",
    "oms_return_request",
    "oms_return_request_line",
    "oms_bill_presentation",
    "oms_cash_application",
    "oms_payment_deduction",
]
FINANCE_MODELS = [
    "oms.invoice.policy",
    "oms.return.request",
    "oms.return.request.line",
    "oms.bill.presentation",
    "oms.cash.application",
    "oms.payment.deduction",
    "oms.receipt.forecast",
    "oms.kpi.order",
    "oms.credit.note.wizard",
    "oms.kpi.dashboard",
    "oms.gl.transfer",
    "oms.ar.tieout",
]
COUNTS = {
    **{f"rows of {table}": f"SELECT count(*) FROM {table}" for table in FINANCE_TABLES},
    "oms reasons by type": "SELECT reason_type, count(*) FROM oms_reason "
    "GROUP BY 1 ORDER BY 1",
    # Rules that act on records keep their type; the configuration matchers
    # of the previous layout became rules (checked below).
    "oms acting rules (type, all, active)": "SELECT rule_type, count(*), "
    "count(*) FILTER (WHERE active) FROM oms_rule WHERE rule_type IN ('hold', "
    "'approval', 'warn', 'priority', 'jeopardy', 'notify', 'route') "
    "GROUP BY 1 ORDER BY 1",
    "oms fallouts by step": "SELECT step, count(*) FROM oms_fallout GROUP BY 1 "
    "ORDER BY 1",
    "crons (all, active)": "SELECT count(*), count(*) FILTER (WHERE active) "
    "FROM ir_cron",
    "queue job channels and functions": "SELECT (SELECT count(*) FROM "
    "queue_job_channel), (SELECT count(*) FROM queue_job_function)",
    "invoices with OMS fields": "SELECT count(*) FROM account_move WHERE "
    "oms_order_id IS NOT NULL OR oms_invoice_policy_id IS NOT NULL OR "
    "oms_credit_reason_id IS NOT NULL OR oms_return_request_id IS NOT NULL "
    "OR oms_shipment_ref IS NOT NULL",
    "companies with finance settings": "SELECT count(*) FROM res_company WHERE "
    "oms_deduction_account_id IS NOT NULL OR oms_deduction_reason_id IS NOT NULL "
    "OR oms_cash_tolerance IS NOT NULL OR oms_cost_per_order IS NOT NULL",
    "partners with an invoice policy": "SELECT count(*) FROM res_partner "
    "WHERE oms_invoice_policy_id IS NOT NULL",
    "pickings of returns": "SELECT count(*) FROM stock_picking "
    "WHERE oms_return_request_id IS NOT NULL",
    "replacement orders": "SELECT count(*) FROM sale_order "
    "WHERE oms_origin_order_id IS NOT NULL",
    "finance access rights and record rules": "SELECT (SELECT count(*) FROM "
    "ir_model_access a JOIN ir_model m ON m.id = a.model_id WHERE m.model IN "
    "%(finance_models)s), (SELECT count(*) FROM ir_rule r JOIN ir_model m ON "
    "m.id = r.model_id WHERE m.model IN %(finance_models)s)",
}


def connect(dbname):
    return psycopg2.connect(dbname=dbname)  # host, user... from PG* variables


def snapshot(cr):
    result = {}
    for label, query in COUNTS.items():
        cr.execute(query, {"finance_models": tuple(FINANCE_MODELS)})
        result[label] = [list(row) for row in cr.fetchall()]
    # The next number of each OMS sequence (standard ones keep it in a
    # PostgreSQL sequence of their own).
    cr.execute(
        "SELECT id, code, implementation, number_next FROM ir_sequence "
        "WHERE code LIKE 'oms.%' ORDER BY code, id"
    )
    sequences = []
    for seq_id, code, implementation, number_next in cr.fetchall():
        if implementation == "standard":
            cr.execute(f"SELECT last_value, is_called FROM ir_sequence_{seq_id:03d}")
            number_next = list(cr.fetchone())
        sequences.append([code, number_next])
    result["oms sequences (code, next number)"] = sequences
    # A user's change to a noupdate record must survive the upgrade.
    cr.execute(
        "SELECT c.active FROM ir_cron c JOIN ir_model_data d ON d.res_id = c.id "
        "AND d.model = 'ir.cron' AND d.name = 'oms_cash_application_cron'"
    )
    result["cash application cron active"] = [list(row) for row in cr.fetchall()]
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'oms_invoice_policy' AND column_name = 'domain'"
    )
    if cr.fetchone():  # the previous layout: compared with the rules after
        cr.execute("SELECT id, domain FROM oms_invoice_policy ORDER BY id")
        result["invoice policy domains"] = [list(row) for row in cr.fetchall()]
    return json.loads(json.dumps(result, default=str))


def _kept(before, after):
    """Nothing of ``before`` is lost in ``after``: counts and sequence
    numbers may grow (the new version's own data), lists may gain items at
    their end, everything else is equal."""
    if isinstance(before, bool) or isinstance(after, bool):
        return before == after
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        return after >= before
    if isinstance(before, list) and isinstance(after, list):
        return len(after) >= len(before) and all(
            _kept(old, new) for old, new in zip(before, after, strict=False)
        )
    return before == after


def compare(cr, before, xmlids):
    failures = []
    after = snapshot(cr)
    for label, value in before.items():
        if label == "invoice policy domains":
            continue
        if not _kept(value, after.get(label)):
            failures.append(f"{label}: {value} before, {after.get(label)} after")
    cr.execute(
        "SELECT state, latest_version FROM ir_module_module "
        "WHERE name IN ('oms_core', 'oms_finance') ORDER BY name"
    )
    states = cr.fetchall()
    if [state for state, _version in states] != ["installed", "installed"]:
        failures.append(f"oms_core, oms_finance states: {states}")
    # A model xml id (model_res_company) names the model, not what oms_core
    # added to it: oms_core may extend a model again in a later version
    # (res.company: the demo chart hook). Finance's own models stay checked.
    cr.execute(
        "SELECT name FROM ir_model_data WHERE module = 'oms_core' AND "
        "((name IN %s AND model != 'ir.model') OR (model = 'ir.model' AND res_id IN "
        "(SELECT id FROM ir_model WHERE model IN %s)))",
        [tuple(xmlids), tuple(FINANCE_MODELS)],
    )
    left = [name for (name,) in cr.fetchall()]
    if left:
        failures.append(f"xml ids still owned by oms_core: {left[:10]}")
    cr.execute(
        "SELECT m.model FROM ir_model m WHERE m.model IN %s AND NOT EXISTS "
        "(SELECT 1 FROM ir_model_data d WHERE d.model = 'ir.model' "
        "AND d.res_id = m.id AND d.module = 'oms_finance')",
        [tuple(FINANCE_MODELS)],
    )
    orphans = [model for (model,) in cr.fetchall()]
    if orphans:
        failures.append(f"finance models not owned by oms_finance: {orphans}")
    for table in FINANCE_TABLES:
        cr.execute("SELECT to_regclass(%s)", [table])
        if not cr.fetchone()[0]:
            failures.append(f"table {table} is gone")
    # The orders an invoice policy applied to: its domain became a rule.
    cr.execute(
        "SELECT invoice_policy_id, domain FROM oms_rule "
        "WHERE invoice_policy_id IS NOT NULL ORDER BY 1, id"
    )
    policy_rules = [list(row) for row in cr.fetchall()]
    if not _kept(before["invoice policy domains"], policy_rules):
        failures.append(
            f"invoice policy rules {policy_rules}, domains before "
            f"{before['invoice policy domains']}"
        )
    return failures


def main(argv):
    command, dbname = argv[1], argv[2]
    with connect(dbname) as conn, conn.cursor() as cr:
        if command == "snapshot":
            with open(argv[3], "w") as out:
                json.dump(snapshot(cr), out, indent=1)
            return 0
        with open(argv[3]) as before_file, open(argv[4]) as xmlids_file:
            before, xmlids = json.load(before_file), xmlids_file.read().split()
        failures = compare(cr, before, xmlids)
    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"{len(before)} counts compared, {len(failures)} failed checks")
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PGHOST", "localhost")
    sys.exit(main(sys.argv))
