# One entry point for the OMS. ODOO_PYTHON selects the Python that imports Odoo 18.
.PHONY: run test bench lint

run:    ## serve the demo database `oms` at http://localhost:8069
	bash scripts/run.sh

test:   ## fresh test database, every OMS test, `N passed, N failed`
	bash scripts/test.sh

bench:  ## performance figures against plain Odoo (prints, never fails on speed)
	bash scripts/bench.sh

lint:   ## ruff and pylint-odoo (OCA mandatory checks)
	bash scripts/lint.sh
