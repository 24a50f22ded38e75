#!/usr/bin/env bash
# `make bench`: performance figures of the OMS against plain Odoo. Builds two
# databases without demo data on its first run and keeps them (the OMS addons
# are upgraded in them when their code changed), runs the same workload on
# both and prints a table. Never fails on speed; exits non-zero only when the
# bench cannot run.
#   --quick                    everyday figures in under 5 minutes (smaller
#                              workloads; the default run takes under 30)
#   --all                      also the supply and import sections (their
#                              own two databases; not in the default run)
#   OMS_BENCH_FRESH=1          drop and rebuild the databases first
#   OMS_BENCH_ORDERS=60        orders per database and scenario in the
#                              order-to-cash workload (3 lines each)
#   OMS_BENCH_HISTORY=10000    prior orders of the one customer of the
#                              history scenario
#   OMS_BENCH_OPEN_LINES=10000 open order lines for the jeopardy scan
#   OMS_BENCH_ONLY=orders      one section (or pass --only SECTION): orders,
#                              jeopardy, invoicing, demurrage, kpi, supply,
#                              import
#   OMS_BENCH_KPI_ORDERS=10000 orders behind the KPI refresh and target check
#   OMS_BENCH_IMPORT_LINES=2000 lines of the imported purchase order file
#   --only throughput          (`make bench-throughput`, not in the default
#                              run) order to cash over JSON-RPC on Odoo
#                              started with 1 then 2 workers, alternated, in
#                              database ${OMS_BENCH_OMS_DB}_throughput;
#                              OMS_BENCH_TP_ORDERS=40 orders per run,
#                              OMS_BENCH_TP_CLIENTS=4 clients, OMS_BENCH_TP_PAIRS=2,
#                              OMS_BENCH_TP_PORT=8369 (gevent port: +3)
# Odoo's own output goes to .bench-logs/.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

PLAIN_DB="${OMS_BENCH_PLAIN_DB:-oms_bench_plain}"
OMS_DB="${OMS_BENCH_OMS_DB:-oms_bench_oms}"
PLAIN_MODULES="sale_management,sale_stock,stock_delivery"
LOG_DIR="$OMS_ROOT/.bench-logs"
BENCH="$OMS_ROOT/tests/bench/bench_orders.py"

args=()
all=""
for arg in "$@"; do  # --all is this script's; the rest goes to the bench
    if [ "$arg" = --all ]; then all=1; else args+=("$arg"); fi
done
[ -n "${OMS_BENCH_ONLY:-}" ] && args+=(--only "$OMS_BENCH_ONLY")

require_odoo
install_requirements
ensure_postgres
mkdir -p "$LOG_DIR"

addons_stamp() {  # what the OMS addons' code is now: files and contents
    (cd "$OMS_ROOT" && find addons tests/addons -type f -not -name '*.pyc' -print0 \
        | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}

build_db() {  # DB MODULES [upgrade]: upgrade MODULES when the DB is kept
    local db=$1 modules=$2 upgrade=${3:-} log="$LOG_DIR/install-$1.log"
    local stamp="$LOG_DIR/$1.stamp"
    if db_exists "$db"; then
        if [ "${OMS_BENCH_FRESH:-0}" != 1 ]; then
            if [ -n "$upgrade" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$(addons_stamp)" ]; then
                say "Keeping database $db: upgrading $modules (the code changed); log: $log"
                mapfile -t options < <(upgrade_options "$db" "$modules")
                odoo_bin -c "$OMS_ROOT/config/odoo-test.conf" -d "$db" "${options[@]}" \
                    --stop-after-init --logfile="$log" \
                    || die "Upgrading $modules in $db failed: see $log"
                addons_stamp >"$stamp"
            else
                say "Keeping database $db (OMS_BENCH_FRESH=1 rebuilds it)"
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
    addons_stamp >"$stamp"
}

build_dbs() {  # "DB MODULES [upgrade]" ...: two at a time, one per core
    local pids=() spec
    for spec in "$@"; do
        # shellcheck disable=SC2086  # the spec is split on purpose
        build_db $spec &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || die "Building the bench databases failed (see above)"
    done
}

ODOO_ARGS=(-c "$OMS_ROOT/config/odoo-test.conf"
    --addons-path="$OMS_ADDONS_PATH" --db_host="$PGHOST" --db_port="$PGPORT"
    --db_user="$PGUSER" --db_password="$PGPASSWORD"
    --logfile="$LOG_DIR/bench-odoo.log")

# Supply and order channels: their own databases, with Odoo's purchase and
# mrp on both sides (plain Odoo with sale_purchase_stock and sale_mrp: the
# same routes) and every OMS addon on the OMS side.
quick=""
supply_args=()
import_lines="${OMS_BENCH_IMPORT_LINES:-2000}"
run_supply() {
    build_dbs "${PLAIN_DB}_supply $PLAIN_MODULES,sale_purchase_stock,sale_mrp" \
        "${OMS_DB}_all $OMS_ADDONS upgrade"
    say "Supply bench: confirm with buy- and make-to-order lines"
    "$ODOO_PYTHON" "$OMS_ROOT/tests/bench/bench_supply.py" \
        --plain-db "${PLAIN_DB}_supply" --oms-db "${OMS_DB}_all" "${supply_args[@]}" \
        -- "${ODOO_ARGS[@]}"
}
run_import() {
    build_db "${OMS_DB}_all" "$OMS_ADDONS" upgrade
    say "Import bench: a ${import_lines}-line purchase order file against the ORM"
    "$ODOO_PYTHON" "$OMS_ROOT/tests/bench/bench_import.py" --oms-db "${OMS_DB}_all" \
        --lines "$import_lines" -- "${ODOO_ARGS[@]}"
}
run_throughput() {
    local port="${OMS_BENCH_TP_PORT:-8369}" orders="${OMS_BENCH_TP_ORDERS:-40}"
    [ -n "$quick" ] && orders="${OMS_BENCH_TP_ORDERS:-20}"
    ensure_port_free "$port" "Choose another one: OMS_BENCH_TP_PORT=..."
    build_db "${OMS_DB}_throughput" "$OMS_BENCH_ADDONS" upgrade
    say "Throughput bench: order to cash over JSON-RPC with 1 and 2 Odoo workers"
    "$ODOO_PYTHON" "$OMS_ROOT/tests/bench/bench_throughput.py" --db "${OMS_DB}_throughput" \
        --orders "$orders" --clients "${OMS_BENCH_TP_CLIENTS:-4}" \
        --pairs "${OMS_BENCH_TP_PAIRS:-2}" --http-port "$port" \
        --gevent-port "$((port + 3))" --log-dir "$LOG_DIR" \
        -- -c "$OMS_ROOT/config/odoo-test.conf" --addons-path="$OMS_ADDONS_PATH" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD"
}
only=""
for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = --only ]; then only="${args[$((i + 1))]:-}"; fi
    if [ "${args[$i]}" = --quick ]; then quick=1; fi
done
if [ -n "$quick" ]; then
    supply_args=(--batches 4 --batch-size 5)
    import_lines="${OMS_BENCH_IMPORT_LINES:-200}"
    export OMS_BENCH_KPI_ORDERS="${OMS_BENCH_KPI_ORDERS:-1000}"
fi
case "$only" in
    supply) run_supply; exit 0 ;;
    import) run_import; exit 0 ;;
    throughput) run_throughput; exit 0 ;;
esac

needed=$("$ODOO_PYTHON" "$BENCH" --needed-databases "${args[@]}")
bench_args=()
specs=()
if [[ " $needed " == *" plain "* ]]; then
    specs+=("$PLAIN_DB $PLAIN_MODULES")
    bench_args+=(--plain-db "$PLAIN_DB")
fi
if [[ " $needed " == *" oms "* ]]; then
    specs+=("$OMS_DB $OMS_BENCH_ADDONS upgrade")
    bench_args+=(--oms-db "$OMS_DB")
fi
build_dbs "${specs[@]}"
# Each section rolls back what it did, which leaves dead rows and statistics
# of tables that were briefly large: fresh statistics first, for both alike.
for db in $needed; do
    # (the shared catalogs are the superuser's: their warnings are noise)
    if [ "$db" = plain ]; then db="$PLAIN_DB"; else db="$OMS_DB"; fi
    vacuumdb -z -q -d "$db" 2>/dev/null || say "warning: could not vacuum $db"
done

say "Running the bench; Odoo log: $LOG_DIR/bench-odoo.log"
"$ODOO_PYTHON" "$BENCH" "${bench_args[@]}" "${args[@]}" -- "${ODOO_ARGS[@]}"
# --all: the supply and import sections too, on two more databases (Odoo's
# purchase and mrp on both sides).
if [ -z "$only" ] && [ -n "$all" ]; then
    run_supply
    run_import
fi
