#!/usr/bin/env bash
# `make run`: the OMS demo at http://localhost:8069. The first run creates the
# database (the OMS addons plus demo data); later runs upgrade it in place.
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

DB="${OMS_DB:-oms}"
require_odoo
install_requirements
ensure_postgres
ensure_wkhtmltopdf

if db_exists "$DB"; then
    say "Upgrading the OMS addons in database $DB (data is kept)"
    # -i installs addons added since the database was created; -u upgrades the rest.
    odoo_bin -c "$OMS_ROOT/config/odoo.conf" -d "$DB" -i "$OMS_ADDONS" -u "$OMS_ADDONS" \
        --stop-after-init
else
    say "Creating database $DB with the OMS addons and demo data (a few minutes)"
    odoo_bin -c "$OMS_ROOT/config/odoo.conf" -d "$DB" -i "$OMS_ADDONS" --stop-after-init
fi
say "OMS ready at http://localhost:8069  (login: admin / admin; OMS manager: oms_manager / oms_manager; OMS user: oms_user / oms_user)"
exec "$ODOO_PYTHON" -m odoo -c "$OMS_ROOT/config/odoo.conf" -d "$DB" --db-filter="^$DB\$" \
    --addons-path="$OMS_ADDONS_PATH" --db_host="$PGHOST" --db_port="$PGPORT" \
    --db_user="$PGUSER" --db_password="$PGPASSWORD"
