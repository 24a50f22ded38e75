#!/usr/bin/env bash
# Upgrade in place from the layout before oms_finance (finance inside
# oms_core) to the current code, and check that nothing is lost.
#
#   bash tests/upgrade/check_upgrade.sh        (about 5 minutes on 2 cores)
#
# 1. checks out OMS_UPGRADE_FROM (default: the last commit of the previous
#    layout) into a temporary git worktree and installs its OMS addons with
#    demo data into OMS_UPGRADE_DB (dropped first; default oms_upgrade_check);
# 2. activates the cash application cron (a user's change to a noupdate
#    record), adds an invoice policy of a manager's (its domain must become
#    a rule) and records counts (upgrade_check.py snapshot);
# 3. upgrades with the current code: `-u oms_core --stop-after-init`;
# 4. checks: oms_finance installed, every count equal, no finance xml id left
#    to oms_core, finance tables there, no ERROR in the upgrade log, and a
#    finance action works (finance_action.py through `odoo shell`).
# Prints PASS or FAIL; exits non-zero on failure. OMS_UPGRADE_KEEP_DB=1 keeps
# the upgraded database; OMS_UPGRADE_REUSE=1 keeps the installed previous
# layout (OMS_UPGRADE_DB + _prev) and reuses it on the next run. Same
# environment as the other scripts (scripts/lib.sh).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../../scripts/lib.sh
source "$HERE/../../scripts/lib.sh"

FROM="${OMS_UPGRADE_FROM:-0b66da6eeda822fabd19cff9c2cd0073ae9ad59b}"
DB="${OMS_UPGRADE_DB:-oms_upgrade_check}"
PREV_DB="${DB}_prev"
REUSE="${OMS_UPGRADE_REUSE:-0}"
XMLIDS="$OMS_ROOT/addons/oms_core/migrations/18.0.1.1.0/xmlids.txt"
CONF="$OMS_ROOT/config/odoo-test.conf"  # demo data on, tests' settings
WORK="$(mktemp -d)"
LOG_DIR="${OMS_UPGRADE_LOG_DIR:-$OMS_ROOT/.upgrade-logs}"
mkdir -p "$LOG_DIR"

cleanup() {
    git -C "$OMS_ROOT" worktree remove --force "$WORK/prev" >/dev/null 2>&1 || true
    rm -rf "$WORK"
    if [ "${OMS_UPGRADE_KEEP_DB:-0}" != 1 ] && db_exists "$DB"; then
        dropdb "$DB" || true
    fi
    if [ "$REUSE" != 1 ] && db_exists "$PREV_DB"; then
        dropdb "$PREV_DB" || true
    fi
}
trap cleanup EXIT

fail() { printf '\033[1;31m[oms] upgrade check: FAIL\033[0m %s\n' "$*"; exit 1; }

require_odoo
ensure_postgres
install_requirements

start=$(date +%s)
if [ "$REUSE" = 1 ] && db_exists "$PREV_DB"; then
    say "Reusing $PREV_DB (the previous layout, installed by an earlier run)"
else
    say "Checking out the previous layout ($FROM) into $WORK/prev"
    git -C "$OMS_ROOT" worktree add --detach "$WORK/prev" "$FROM" >/dev/null
    PREV_ADDONS=$(sed -n 's/^OMS_ADDONS="\(.*\)"$/\1/p' "$WORK/prev/scripts/lib.sh")
    if db_exists "$PREV_DB"; then dropdb "$PREV_DB"; fi
    say "Installing $PREV_ADDONS of $FROM with demo data into $PREV_DB (log: $LOG_DIR/install.log)"
    OMS_ADDONS_PATH="$WORK/prev/addons" odoo_bin -c "$CONF" -d "$PREV_DB" -i "$PREV_ADDONS" \
        --stop-after-init --log-level=warn --no-http >"$LOG_DIR/install.log" 2>&1 \
        || fail "the previous layout did not install: $LOG_DIR/install.log"
fi
if db_exists "$DB"; then dropdb "$DB"; fi
createdb -T "$PREV_DB" "$DB"
installed=$(date +%s)

psql -d "$DB" -qc "UPDATE ir_cron SET active = TRUE WHERE id = (SELECT res_id FROM
    ir_model_data WHERE module = 'oms_core' AND name = 'oms_cash_application_cron')"
# A manager's invoice policy of the previous layout (no data file names it):
# its domain must become its rule.
psql -d "$DB" -qc "INSERT INTO oms_invoice_policy (name, sequence, active, company_id,
    trigger, grouping, auto_post, return_resolution, batch_size, domain)
    SELECT '{\"en_US\": \"German customers, manual\"}', 1, TRUE, company_id,
    'manual', 'order', FALSE, 'refund', 50, '[(''partner_id.country_id.code'', ''='', ''DE'')]'
    FROM oms_invoice_policy ORDER BY id LIMIT 1"
"$ODOO_PYTHON" "$HERE/upgrade_check.py" snapshot "$DB" "$WORK/before.json"

say "Upgrading $DB with the current code: -u oms_core (log: $LOG_DIR/upgrade.log)"
odoo_bin -c "$CONF" -d "$DB" -u oms_core --stop-after-init --log-level=info \
    --no-http >"$LOG_DIR/upgrade.log" 2>&1 || fail "the upgrade failed: $LOG_DIR/upgrade.log"
upgraded=$(date +%s)

status=0
"$ODOO_PYTHON" "$HERE/upgrade_check.py" compare "$DB" "$WORK/before.json" "$XMLIDS" || status=1
if grep -E ' (ERROR|CRITICAL) ' "$LOG_DIR/upgrade.log"; then
    echo "FAIL: errors in the upgrade log"
    status=1
fi
odoo_bin shell -c "$CONF" -d "$DB" --no-http --log-level=warn \
    <"$HERE/finance_action.py" >"$LOG_DIR/action.log" 2>&1 || true
if ! grep -q "FINANCE ACTION OK" "$LOG_DIR/action.log"; then
    echo "FAIL: the finance action did not run: $LOG_DIR/action.log"
    status=1
fi
say "Previous layout ready (installed or reused) in $((installed - start)) s; upgrade: $((upgraded - installed)) s"
[ "$status" = 0 ] || fail "see above"
printf '\033[1;32m[oms] upgrade check: PASS\033[0m\n'
