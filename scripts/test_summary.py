"""Summarise an Odoo test log as a closing `N passed, N failed` line.

Odoo reports ``F failed, E error(s) of T tests``; errors count as failures
here. A run with no test, or whose Odoo exited non-zero, fails too.
"""

import re
import sys

STATS = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def main(log_path, odoo_rc):
    failed = errors = total = 0
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = STATS.search(line)
            if match:
                # The last report of the run is cumulative.
                failed, errors, total = (int(g) for g in match.groups())
    bad = failed + errors
    passed = total - bad
    if total == 0:
        print("No test ran: see the log.", file=sys.stderr)
    elif int(odoo_rc) and not bad:
        # Odoo failed outside a test (e.g. an install error): count it.
        bad = 1
    print(f"{passed} passed, {bad} failed")
    return 0 if (total and not bad and not int(odoo_rc)) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
