# One entry point for the OMS. ODOO_PYTHON selects the Python that imports Odoo 18.
.PHONY: run test bench bench-throughput lint

run:    ## serve the demo database `oms` at http://localhost:8069
	bash scripts/run.sh

test:   ## fresh test database, every OMS test, `N passed, N failed`
	bash scripts/test.sh

bench:  ## performance figures against plain Odoo (prints, never fails on speed)
	bash scripts/bench.sh

bench-throughput:  ## orders/min over JSON-RPC with 1 and 2 Odoo workers, no document lost
	bash scripts/bench.sh --only throughput

lint:   ## ruff and pylint-odoo (OCA mandatory checks)
	bash scripts/lint.sh
