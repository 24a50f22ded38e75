# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's command line, as started by ``bench_throughput.py``.

A multi-process Odoo starts its websocket (gevent) process by running its own
script again: ``python <argv[0]> gevent ...``. The throughput bench opens no
websocket, so here that process only waits until Odoo stops it: it costs
nothing, as an idle websocket process would, and a Python that cannot start
gevent (a broken plugin) does not respawn it every second, which would eat
the CPU the bench measures.
"""

import signal
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["gevent"]:
        signal.pause()
    else:
        from odoo.cli import main

        main()
