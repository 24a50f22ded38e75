#!/usr/bin/env bash
# `make lint`: ruff (lint + format check) and pylint-odoo with OCA's mandatory
# checks, on the addons and the test addons.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${ODOO_PYTHON:-python3}"
"$PY" -m pip install -q --disable-pip-version-check -r requirements-dev.txt
TARGETS=(addons tests)
"$PY" -m ruff check "${TARGETS[@]}"
"$PY" -m ruff format --check "${TARGETS[@]}"
"$PY" -m pylint --rcfile=.pylintrc-mandatory \
    addons/oms_core addons/oms_finance addons/oms_export_logistics addons/oms_helpdesk addons/oms_helpdesk_export \
    addons/oms_purchase addons/oms_mrp addons/oms_sale_import addons/oms_sale_import_finance addons/oms_export_l10n_in tests/addons/oms_suite
echo "lint: ok"
