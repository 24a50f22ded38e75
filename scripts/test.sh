#!/usr/bin/env bash
# `make test`: build a fresh test database with the three OMS addons (demo data
# included, as Odoo's own CI does) and run every OMS test, browser tours
# included. Ends with a `N passed, N failed` line; exits non-zero on any
# failure and when Odoo, PostgreSQL or Chromium is missing.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

TEST_DB="${OMS_TEST_DB:-oms_test}"
TEST_TAGS="${OMS_TEST_TAGS:-/oms_core,/oms_finance,/oms_export_logistics,/oms_helpdesk,/oms_helpdesk_export,/oms_purchase,/oms_mrp,/oms_sale_import,/oms_sale_import_finance,/oms_export_l10n_in,/oms_suite}"
LOG="${OMS_TEST_LOG:-$OMS_ROOT/.test-logs/odoo-test.log}"
export OMS_EXTRA_ADDONS="$OMS_ROOT/tests/addons"
# The demo's six-month KPI history (200 orders) is cut short here: tests
# build their own fixtures, the demo only has to load.
export OMS_DEMO_HISTORY_ORDERS="${OMS_DEMO_HISTORY_ORDERS:-20}"

# Browser tests serve on the port of config/odoo-test.conf: checked first.
TEST_PORT=$(awk -F' *= *' '$1 == "http_port" {print $2}' "$OMS_ROOT/config/odoo-test.conf")
ensure_port_free "$TEST_PORT" "Browser tests serve on it (config/odoo-test.conf)."
require_odoo
install_requirements
"$ODOO_PYTHON" -c 'import websocket' 2>/dev/null \
    || die "websocket-client is missing from $ODOO_PYTHON: Odoo would skip the browser tests."
CHROME=$(find_chromium) \
    || die "Chromium is missing: browser tours cannot run (apt-get install chromium)."
say "Browser: $CHROME"
ensure_postgres
ensure_wkhtmltopdf

if db_exists "$TEST_DB"; then
    say "Dropping previous test database $TEST_DB"
    dropdb "$TEST_DB"
fi
mkdir -p "$(dirname "$LOG")"
if [ -n "$OMS_LOCALISATION" ]; then
    say "Installing $OMS_LOCALISATION into $TEST_DB first (the demo exporter's chart)"
    odoo_bin -c "$OMS_ROOT/config/odoo-test.conf" -d "$TEST_DB" -i "$OMS_LOCALISATION" \
        --stop-after-init --log-level=warn >"$LOG.localisation" 2>&1 \
        || die "Installing $OMS_LOCALISATION failed: see $LOG.localisation"
fi
# payment_demo: the payment tests go through its provider, as a customer does.
say "Installing $OMS_ADDONS,oms_suite,payment_demo into $TEST_DB and running tests ($TEST_TAGS); log: $LOG"
set +e
odoo_bin -c "$OMS_ROOT/config/odoo-test.conf" -d "$TEST_DB" \
    -i "$OMS_ADDONS,oms_suite,payment_demo" --test-enable --test-tags "$TEST_TAGS" \
    --stop-after-init 2>&1 | tee "$LOG" | grep -E --line-buffered \
    '(ERROR|CRITICAL|FAIL|Starting .*Test|tests when loading|odoo.modules.loading: Modules loaded)'
rc=${PIPESTATUS[0]}
set -e

"$ODOO_PYTHON" "$OMS_ROOT/scripts/test_summary.py" "$LOG" "$rc"
