#!/usr/bin/env bash
# `make bench`: performance figures of the OMS against plain Odoo. Builds two
# databases without demo data (dropped and rebuilt each run unless
# OMS_BENCH_REUSE=1), runs the same workload on both and prints a table.
# Never fails on speed; exits non-zero only when the bench cannot run.
#   OMS_BENCH_ORDERS=200       orders in the order workload (3 lines each)
#   OMS_BENCH_OPEN_LINES=10000 open order lines for the jeopardy scan
#   OMS_BENCH_ONLY=orders      one section (or pass --only SECTION)
#   OMS_BENCH_REUSE=1          keep the databases of the previous run (the OMS
#                              addons are upgraded in it, for the current code)
# Odoo's own output goes to .bench-logs/.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PLAIN_DB="${OMS_BENCH_PLAIN_DB:-oms_bench_plain}"
OMS_DB="${OMS_BENCH_OMS_DB:-oms_bench_oms}"
PLAIN_MODULES="sale_management,sale_stock,stock_delivery"
LOG_DIR="$OMS_ROOT/.bench-logs"
BENCH="$OMS_ROOT/tests/bench/bench_orders.py"

args=("$@")
[ -n "${OMS_BENCH_ONLY:-}" ] && args+=(--only "$OMS_BENCH_ONLY")

require_odoo
install_requirements
ensure_postgres
mkdir -p "$LOG_DIR"

build_db() {  # DB MODULES [upgrade]: upgrade MODULES when the DB is reused
    local db=$1 modules=$2 upgrade=${3:-} log="$LOG_DIR/install-$1.log"
    if db_exists "$db"; then
        if [ "${OMS_BENCH_REUSE:-0}" = 1 ]; then
            if [ -n "$upgrade" ]; then
                say "Reusing database $db (OMS_BENCH_REUSE=1): upgrading $modules; log: $log"
                mapfile -t options < <(upgrade_options "$db" "$modules")
                odoo_bin -c "$OMS_ROOT/config/odoo-test.conf" -d "$db" "${options[@]}" \
                    --stop-after-init --logfile="$log" \
                    || die "Upgrading $modules in $db failed: see $log"
            else
                say "Reusing database $db (OMS_BENCH_REUSE=1)"
            fi
            return 0
        fi
        say "Dropping previous bench database $db"
        dropdb "$db"
    fi
    say "Creating $db: $modules, no demo data (a few minutes); log: $log"
    odoo_bin -c "$OMS_ROOT/config/odoo-test.conf" -d "$db" -i "$modules" \
        --without-demo=all --stop-after-init --logfile="$log" \
        || die "Installing $modules into $db failed: see $log"
    if grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        say "warning: errors were logged while installing $modules into $db: see $log"
    fi
}

needed=$("$ODOO_PYTHON" "$BENCH" --needed-databases "${args[@]}")
bench_args=()
if [[ " $needed " == *" plain "* ]]; then
    build_db "$PLAIN_DB" "$PLAIN_MODULES"
    bench_args+=(--plain-db "$PLAIN_DB")
fi
if [[ " $needed " == *" oms "* ]]; then
    build_db "$OMS_DB" "$OMS_BENCH_ADDONS" upgrade
    bench_args+=(--oms-db "$OMS_DB")
fi

say "Running the bench; Odoo log: $LOG_DIR/bench-odoo.log"
"$ODOO_PYTHON" "$BENCH" "${bench_args[@]}" "${args[@]}" -- \
    -c "$OMS_ROOT/config/odoo-test.conf" \
    --addons-path="$OMS_ADDONS_PATH" --db_host="$PGHOST" --db_port="$PGPORT" \
    --db_user="$PGUSER" --db_password="$PGPASSWORD" \
    --logfile="$LOG_DIR/bench-odoo.log"
