#!/usr/bin/env bash
# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
#
# Peer suites: Odoo's and OCA's own tests of the modules the OMS extends, run
# with pytest-odoo on a database (without demo data unless OMS_PEER_DEMO=1)
# where the OMS addons are installed as shipped. Proves that installing the
# OMS does not silently change plain Odoo. Prints pass/fail counts per suite
# and the failing tests.
#
#   bash tests/run_peer_suites.sh                  # all suites
#   OMS_PEER_SUITES="sale stock_delivery" bash tests/run_peer_suites.sh
#   OMS_PEER_SUITES="stock:test_picking_tours.py" bash tests/run_peer_suites.sh
#
# A suite is a module (all its tests) or module:file (one test file of it).
# OMS_PEER_DB (default oms_peer) is dropped and rebuilt unless
# OMS_PEER_REUSE=1 (then the OMS addons are upgraded in it). OMS_PEER_DEMO=1
# builds it with demo data (the OMS demo story and payment_demo, as the demo
# database has them). pytest-odoo
# runs at_install and post_install tests alike on the fully loaded registry
# (the OMS code is active in every test), and HttpCase tests with
# --odoo-http. Logs and JUnit files: .peer-logs/.
# Exit status: 0 when every suite passed, 1 otherwise, 2 on setup errors.
set -euo pipefail
# shellcheck source=../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

PEER_DB="${OMS_PEER_DB:-oms_peer}"
PEER_SUITES="${OMS_PEER_SUITES:-sale sale_stock sale_management stock_delivery payment account_payment payment_demo helpdesk_mgmt helpdesk_mgmt_sla helpdesk_mgmt_rating}"
PEER_DEMO="${OMS_PEER_DEMO:-0}"
LOG_DIR="${OMS_PEER_LOG_DIR:-$OMS_ROOT/.peer-logs}"

require_odoo
install_requirements
ensure_postgres
mkdir -p "$LOG_DIR"

"$ODOO_PYTHON" -c 'import pytest_odoo' 2>/dev/null \
    || die "pytest-odoo is not importable from $ODOO_PYTHON (pip install pytest-odoo)."

# An Odoo config file for pytest-odoo: database, addons path and connection.
CONF="$LOG_DIR/odoo-peer.conf"
cat >"$CONF" <<CONF
[options]
db_name = $PEER_DB
addons_path = $OMS_ADDONS_PATH
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
without_demo = $([ "$PEER_DEMO" = 1 ] && echo False || echo all)
workers = 0
max_cron_threads = 0
CONF

if [ "${OMS_PEER_REUSE:-0}" = 1 ] && db_exists "$PEER_DB"; then
    # Views and data must match the code under test: upgrade the OMS addons.
    say "Reusing database $PEER_DB: upgrading $OMS_ADDONS (log: $LOG_DIR/install.log)"
    odoo_bin -d "$PEER_DB" -u "$OMS_ADDONS" --stop-after-init --log-level=warn \
        >"$LOG_DIR/install.log" 2>&1 \
        || die "Upgrading the OMS on $PEER_DB failed: see $LOG_DIR/install.log"
else
    if db_exists "$PEER_DB"; then
        say "Dropping database $PEER_DB"
        dropdb "$PEER_DB"
    fi
    say "Creating $PEER_DB (demo data: $PEER_DEMO): $OMS_ADDONS + peer modules (log: $LOG_DIR/install.log)"
    # The peer modules the OMS does not depend on already are installed too.
    demo_flag=(--without-demo=all)
    [ "$PEER_DEMO" = 1 ] && demo_flag=(--without-demo=)
    odoo_bin -d "$PEER_DB" -i "$OMS_ADDONS,sale_management,stock_delivery,account_payment,payment_demo,helpdesk_mgmt_sla,helpdesk_mgmt_rating" \
        "${demo_flag[@]}" --stop-after-init --log-level=warn >"$LOG_DIR/install.log" 2>&1 \
        || die "Installing the OMS on $PEER_DB failed: see $LOG_DIR/install.log"
fi

# Where Odoo keeps each suite's module (core and OCA wheels share odoo/addons).
module_dir() {
    "$ODOO_PYTHON" -c 'import sys, importlib; m = importlib.import_module("odoo.addons." + sys.argv[1]); print(m.__path__[0])' "$1"
}

chromium_bin="$(find_chromium || true)"
[ -n "$chromium_bin" ] || say "warning: no Chromium: HttpCase tours of the peer suites will fail."

status=0
for suite in $PEER_SUITES; do
    module="${suite%%:*}"
    target="$(module_dir "$module")/tests"
    [ "$module" = "$suite" ] || target="$target/${suite#*:}"
    [ -e "$target" ] || { say "$suite: no tests at $target"; continue; }
    say "Running $suite ($target)"
    # pytest's exit code is ours to read from the JUnit file, not to stop on.
    (cd "$LOG_DIR" && "$ODOO_PYTHON" -m pytest -p no:cacheprovider -q -rN \
        --odoo-config="$CONF" --odoo-database="$PEER_DB" --odoo-http \
        --odoo-log-level="${OMS_PEER_LOG_LEVEL:-warn}" \
        --junitxml="$LOG_DIR/$suite.xml" "$target") >"$LOG_DIR/$suite.log" 2>&1 || status=1
done

say "Peer suites on $PEER_DB (OMS installed, demo data: $PEER_DEMO):"
"$ODOO_PYTHON" "$OMS_ROOT/tests/peer_suites_summary.py" "$LOG_DIR" $PEER_SUITES || status=1
exit "$status"
