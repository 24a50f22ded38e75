#!/usr/bin/env bash
# Shared helpers for the OMS scripts: find Odoo 18, install our requirements
# into its Python, make sure PostgreSQL is up. Sourced, never run directly.
set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OMS_ADDONS="oms_core,oms_finance,oms_export_logistics,oms_helpdesk,oms_helpdesk_export"
OMS_ADDONS_PATH="$OMS_ROOT/addons"
_imports_odoo18() {
    [ "$("$1" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null)" = 18.0 ]
}
# ODOO_PYTHON wins; else `python3` if it imports Odoo 18; else the usual
# places a Python with Odoo lives in (pyenv, a venv under /opt), so the
# scripts also find Odoo from a shell whose PATH lacks the pyenv shims.
if [ -z "${ODOO_PYTHON:-}" ]; then
    ODOO_PYTHON=python3
    if ! _imports_odoo18 python3; then
        for candidate in "${HOME:-/root}"/.pyenv/shims/python3 "${HOME:-/root}"/.pyenv/versions/*/bin/python3 \
            /opt/odoo*/venv/bin/python3 /opt/odoo*/bin/python3 /usr/local/bin/python3; do
            if [ -x "$candidate" ] && _imports_odoo18 "$candidate"; then
                ODOO_PYTHON="$candidate"
                break
            fi
        done
    fi
fi
# Connection used by Odoo; the local cluster gets this role created for it.
export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-odoo}" PGPASSWORD="${PGPASSWORD:-odoo}"

say() { printf '\033[1m[oms]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[oms] %s\033[0m\n' "$*" >&2; exit 2; }

require_odoo() {
    command -v "$ODOO_PYTHON" >/dev/null 2>&1 \
        || die "ODOO_PYTHON=$ODOO_PYTHON is not an executable Python."
    if ! _imports_odoo18 "$ODOO_PYTHON"; then
        local version
        version=$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null) || version=""
        die "$(cat <<MSG
Odoo 18.0 is not importable from ODOO_PYTHON=$ODOO_PYTHON (found: ${version:-nothing}).
Either
  - run the OMS with Docker:        docker compose up   (see README.md), or
  - install Odoo 18.0 Community from source (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html):
        git clone --depth 1 -b 18.0 https://github.com/odoo/odoo && pip install ./odoo
    then point ODOO_PYTHON at that Python, e.g. ODOO_PYTHON=/opt/odoo/venv/bin/python make run
MSG
)"
    fi
}

install_requirements() {
    # OMS_SKIP_PIP=1: the requirements are already installed (the Docker image
    # bakes them in, and its Odoo user may not write to the system Python).
    if [ "${OMS_SKIP_PIP:-0}" = 1 ]; then
        say "Python requirements: installed beforehand (OMS_SKIP_PIP=1)"
        return 0
    fi
    # Idempotent: pip returns quickly when everything is already satisfied.
    say "Checking Python requirements in $ODOO_PYTHON"
    "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check -r "$OMS_ROOT/requirements.txt" \
        || die "Could not install requirements.txt into $ODOO_PYTHON."
}

odoo_bin() {
    "$ODOO_PYTHON" -m odoo "$@" --addons-path="$OMS_ADDONS_PATH${OMS_EXTRA_ADDONS:+,$OMS_EXTRA_ADDONS}" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password="$PGPASSWORD"
}

_pg_ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

# A server on another host: never started nor given a role by these scripts.
_pg_remote() { case "$PGHOST" in localhost|127.0.0.1|/*) return 1 ;; *) return 0 ;; esac; }

_as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}

ensure_postgres() {
    command -v pg_isready >/dev/null 2>&1 \
        || die "PostgreSQL client tools are missing: install PostgreSQL (apt-get install postgresql)."
    if _pg_remote && ! _pg_ready; then
        # A remote server (e.g. the compose `db` service) may still be starting:
        # wait up to OMS_PG_WAIT seconds (default 0). No local cluster involved.
        local waited=0
        while [ "$waited" -lt "${OMS_PG_WAIT:-0}" ] && ! _pg_ready; do
            sleep 1
            waited=$((waited + 1))
        done
        _pg_ready || die "PostgreSQL at $PGHOST:$PGPORT does not answer."
    fi
    if ! _pg_ready; then
        command -v pg_lsclusters >/dev/null 2>&1 \
            || die "No PostgreSQL server answers on $PGHOST:$PGPORT and no local cluster tools exist: install PostgreSQL."
        local cluster
        cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3 == p {print $1" "$2; exit}')
        if [ -z "$cluster" ]; then
            local ver
            ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
            [ -n "$ver" ] || die "PostgreSQL server binaries are not installed (apt-get install postgresql)."
            say "Creating PostgreSQL $ver cluster 'main' on port $PGPORT"
            pg_createcluster "$ver" main -p "$PGPORT" >/dev/null
            cluster="$ver main"
        fi
        say "Starting PostgreSQL cluster $cluster"
        # shellcheck disable=SC2086
        pg_ctlcluster $cluster start || die "PostgreSQL cluster $cluster failed to start."
        for _ in $(seq 30); do _pg_ready && break; sleep 1; done
        _pg_ready || die "PostgreSQL did not come up on $PGHOST:$PGPORT."
    fi
    if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        _pg_remote && die "Cannot log in to PostgreSQL at $PGHOST:$PGPORT as $PGUSER: check PGUSER and PGPASSWORD."
        say "Creating PostgreSQL role $PGUSER"
        # Local superuser over the Unix socket (peer authentication).
        _as_postgres env -u PGHOST -u PGUSER -u PGPASSWORD psql -q -p "$PGPORT" -d postgres -c \
            "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'" >/dev/null \
            || die "Could not create the PostgreSQL role $PGUSER (run as root or postgres, or set PGUSER/PGPASSWORD)."
    fi
}

# Fail before any work when something already listens on the port Odoo needs.
ensure_port_free() {
    local port="$1" hint="$2"
    if "$ODOO_PYTHON" - "$port" <<'PY'
import socket, sys
with socket.socket() as s:
    s.settimeout(0.5)
    sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)
PY
    then
        die "Port $port is already in use (another Odoo, or a running 'make test'?). $hint"
    fi
}

db_exists() { [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# `-i`/`-u` options that bring database $1 up to the addons $2 (comma list):
# -u for all, -i only for those not installed yet. -i on an installed addon
# would reload its data in init mode, rewriting its noupdate records (sample
# rules a manager activated would be archived again).
upgrade_options() {
    local installed addon new=()
    installed=$(psql -d "$1" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed'")
    for addon in ${2//,/ }; do
        grep -qx "$addon" <<<"$installed" || new+=("$addon")
    done
    if [ ${#new[@]} -gt 0 ]; then
        local IFS=,
        printf '%s\n' "-i" "${new[*]}"
    fi
    printf '%s\n' "-u" "$2"
}

ensure_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing wkhtmltopdf (PDF reports)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf) >/dev/null \
            || say "warning: wkhtmltopdf could not be installed; PDF reports will be HTML only."
    else
        say "warning: wkhtmltopdf is missing; install it for PDF reports."
    fi
}

find_chromium() {
    local c
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}
