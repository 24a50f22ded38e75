# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Print pass/fail counts per peer suite from the JUnit files pytest wrote.

Usage: python3 peer_suites_summary.py LOG_DIR SUITE [SUITE ...]
Exits 1 when a suite has a failure or an error, or has no JUnit file.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def suite_results(junit_file):
    """Return (counts, failures) of one JUnit file; failures are
    ``(test id, first line of the message)``."""
    counts = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    failures = []
    outcomes = (("failure", "failed"), ("error", "errors"), ("skipped", "skipped"))
    for case in ET.parse(junit_file).getroot().iter("testcase"):
        test_id = f"{case.get('classname')}.{case.get('name')}"
        outcome = "passed"
        for tag, name in outcomes:
            node = case.find(tag)
            if node is not None:
                outcome = name
                if name != "skipped":
                    message = (node.get("message") or node.text or "").strip()
                    first_line = message.splitlines()[0][:200] if message else ""
                    failures.append((test_id, first_line))
                break
        counts[outcome] += 1
    return counts, failures


def main(log_dir, suites):
    ok = True
    lines = []
    for suite in suites:
        junit_file = Path(log_dir) / f"{suite}.xml"
        if not junit_file.exists():
            print(f"{suite:22} no result (see {Path(log_dir) / suite}.log)")
            ok = False
            continue
        counts, failures = suite_results(junit_file)
        ok &= not (counts["failed"] or counts["errors"])
        print(
            f"{suite:22} {counts['passed']:4} passed  {counts['failed']:3} failed  "
            f"{counts['errors']:3} errors  {counts['skipped']:3} skipped"
        )
        lines += [f"  {suite}: {test_id}: {message}" for test_id, message in failures]
    if lines:
        print("Failing tests:")
        print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
