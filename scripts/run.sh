#!/usr/bin/env bash
# `make run`: the OMS demo at http://localhost:8069 (OMS_HTTP_PORT chooses the
# port). The first run creates the database (the OMS addons plus demo data);
# later runs upgrade it in place only when the addons changed since the last
# upgrade (OMS_UPGRADE=1 forces it).
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

DB="${OMS_DB:-oms}"
PORT="${OMS_HTTP_PORT:-8069}"
STAMP_DIR="${OMS_STATE_DIR:-$OMS_ROOT/.oms-run}"
ensure_port_free "$PORT" "Stop it, or choose another port: OMS_HTTP_PORT=8070 make run"
require_odoo
install_requirements
ensure_postgres
ensure_wkhtmltopdf

# Fingerprint of the addons' files and of the pinned requirements (the OCA
# addons they depend on): an upgrade is needed only when it changed.
addons_fingerprint() {
    (cd "$OMS_ROOT" && { find addons -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0; \
        printf '%s\0' requirements.txt; } | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}
mkdir -p "$STAMP_DIR"
STAMP="$STAMP_DIR/$DB.addons-sha1"
FINGERPRINT=$(addons_fingerprint)
if db_exists "$DB"; then
    if [ "${OMS_UPGRADE:-0}" = 1 ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$FINGERPRINT" ]; then
        say "Upgrading the OMS addons in database $DB (addons changed since the last upgrade; data is kept)"
        # -i installs addons added since the database was created; -u upgrades the rest.
        mapfile -t OPTIONS < <(upgrade_options "$DB" "$OMS_ADDONS")
        odoo_bin -c "$OMS_ROOT/config/odoo.conf" -d "$DB" "${OPTIONS[@]}" --stop-after-init
    else
        say "Database $DB is up to date with the addons: no upgrade (OMS_UPGRADE=1 forces one)"
    fi
else
    say "Creating database $DB with the OMS addons and demo data (a few minutes)"
    if [ -n "$OMS_LOCALISATION" ]; then
        odoo_bin -c "$OMS_ROOT/config/odoo.conf" -d "$DB" -i "$OMS_LOCALISATION" --stop-after-init
    fi
    odoo_bin -c "$OMS_ROOT/config/odoo.conf" -d "$DB" -i "$OMS_ADDONS" --stop-after-init
fi
echo "$FINGERPRINT" >"$STAMP"
say "OMS ready at http://localhost:$PORT  (login: admin / admin; OMS manager: oms_manager / oms_manager; OMS user: oms_user / oms_user)"
exec "$ODOO_PYTHON" -m odoo -c "$OMS_ROOT/config/odoo.conf" -d "$DB" --db-filter="^$DB\$" \
    --http-port="$PORT" --addons-path="$OMS_ADDONS_PATH" --db_host="$PGHOST" \
    --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD"
