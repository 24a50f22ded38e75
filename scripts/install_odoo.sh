#!/usr/bin/env bash
# Install Odoo 18.0 Community from a source tree you already have into a
# virtual environment, with the OMS requirements, so that `make run` and
# `make test` work on a fresh Debian 12 / Ubuntu 22.04+ machine:
#
#   bash scripts/install_odoo.sh /path/to/odoo-18.0-source [VENV]
#
# It never downloads Odoo itself: get the source first, e.g.
#   git clone -b 18.0 --depth 1 https://github.com/odoo/odoo /opt/odoo-src
# VENV defaults to .venv in this repository; the scripts find it there.
# PYTHON picks the interpreter (default python3; Odoo 18 supports 3.10-3.12).
# Missing Debian/Ubuntu packages are installed with apt-get (through sudo
# when not run as root); run it as the user who will run the OMS.
set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '\033[1m[oms]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[oms] %s\033[0m\n' "$*" >&2; exit 2; }

SRC="${1:-}"
VENV="${2:-$OMS_ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
[ -n "$SRC" ] || die "Usage: bash scripts/install_odoo.sh /path/to/odoo-18.0-source [VENV]"
SRC="$(cd "$SRC" 2>/dev/null && pwd)" || die "$1 is not a directory."
if [ ! -f "$SRC/odoo/release.py" ] || [ ! -f "$SRC/requirements.txt" ]; then
    die "$SRC is not an Odoo source tree (no odoo/release.py or requirements.txt)."
fi
grep -qE '^version_info = \(18, 0,' "$SRC/odoo/release.py" \
    || die "$SRC is not Odoo 18.0 ($(grep -m1 '^version_info' "$SRC/odoo/release.py"))."

# Debian/Ubuntu packages: headers and a compiler for psycopg2 and
# python-ldap, venv, PostgreSQL, wkhtmltopdf's libraries (scripts/lib.sh adds
# a build with patched Qt from PyPI), Chromium for the browser tests.
PACKAGES=(python3-venv python3-dev build-essential libpq-dev libldap2-dev libsasl2-dev
    postgresql wkhtmltopdf chromium poppler-utils)
if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for pkg in "${PACKAGES[@]}"; do
        # Ubuntu's browser is chromium-browser (or Google Chrome): any will do.
        if [ "$pkg" = chromium ] && command -v chromium-browser google-chrome >/dev/null 2>&1; then
            continue
        fi
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=()
        if [ "$(id -u)" != 0 ]; then
            command -v sudo >/dev/null 2>&1 || die "Missing system packages; as root, install them first:
    apt-get install -y ${missing[*]}"
            sudo=(sudo)
        fi
        say "Installing system packages: ${missing[*]}"
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
else
    say "Not a Debian/Ubuntu system: make sure these (or your system's equivalents) are installed: ${PACKAGES[*]}"
fi

version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])') \
    || die "PYTHON=$PYTHON is not a Python interpreter."
case "$version" in
    3.10|3.11|3.12) ;;
    *) die "Odoo 18 supports Python 3.10 to 3.12, not $version (MAX_PY_VERSION in odoo/__init__.py): set PYTHON=python3.12 or similar." ;;
esac

if [ ! -x "$VENV/bin/python3" ]; then
    say "Creating the virtual environment $VENV (Python $version)"
    "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python3" -m pip --disable-pip-version-check)

# Odoo's pinned requirements (not `pip install ./odoo` alone, whose unpinned
# dependencies bring a current lxml without lxml_html_clean). Some of the
# pinned packages build from source and need a setuptools that still has
# pkg_resources: setuptools<81, also inside pip's isolated build environments.
# pip up to 25 applies PIP_CONSTRAINT to those; pip 26 and later only
# PIP_BUILD_CONSTRAINT (older ones ignore that variable), so set both.
CONSTRAINTS="$(mktemp)"
trap 'rm -f "$CONSTRAINTS"' EXIT
echo 'setuptools<81' >"$CONSTRAINTS"
export PIP_CONSTRAINT="$CONSTRAINTS${PIP_CONSTRAINT:+ $PIP_CONSTRAINT}"
export PIP_BUILD_CONSTRAINT="$CONSTRAINTS${PIP_BUILD_CONSTRAINT:+ $PIP_BUILD_CONSTRAINT}"
say "Installing Odoo's pinned requirements ($SRC/requirements.txt); this takes a few minutes"
"${PIP[@]}" install -q --upgrade pip wheel 'setuptools<81'
"${PIP[@]}" install -q -r "$SRC/requirements.txt"
# Non-editable: the OCA wheels of requirements.txt add site-packages/odoo/addons,
# which would shadow an editable install's addons.
say "Installing Odoo from $SRC"
"${PIP[@]}" install -q "$SRC"
say "Installing the OMS requirements ($OMS_ROOT/requirements.txt)"
"${PIP[@]}" install -q -r "$OMS_ROOT/requirements.txt"

found=$("$VENV/bin/python3" -c 'import odoo.release as r; print(r.version)') \
    || die "Odoo does not import from $VENV/bin/python3."
say "Odoo $found is installed in $VENV."
if [ "$VENV" = "$OMS_ROOT/.venv" ]; then
    say "Next: make run   (demo at http://localhost:8069)   and   make test"
else
    say "Next: ODOO_PYTHON=$VENV/bin/python3 make run   and   ODOO_PYTHON=$VENV/bin/python3 make test"
fi
