# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: which orders an invoice policy applies to is an OMS rule.

The policy's own ``domain`` column (still there until the end of this
upgrade, when Odoo drops the removed field's column) becomes a rule of type
"Apply invoice policy" with the policy's sequence and company, so the first
match by sequence picks the same policy as before. A policy that already has
a rule (shipped or demo data loaded in this run) is left alone. A domain the
safe evaluator refuses becomes an archived rule that keeps the old condition
in its description, for a manager to rewrite.

This runs when oms_finance is split out of oms_core (oms_core's 18.0.1.1.0
pre-migration marks it to upgrade, without a version) as well as on a later
upgrade of a database of 18.0.1.0.0.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'oms_invoice_policy' AND column_name = 'domain'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        SELECT p.id, p.domain FROM oms_invoice_policy p
         WHERE NOT EXISTS (SELECT 1 FROM oms_rule r
                            WHERE r.invoice_policy_id = p.id)
         ORDER BY p.id
        """
    )
    rows = cr.fetchall()
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Rule = env["oms.rule"]
    for policy_id, domain in rows:
        policy = env["oms.invoice.policy"].browse(policy_id)
        vals = {
            "name": policy.name,
            "sequence": policy.sequence,
            "company_id": policy.company_id.id,
            "invoice_policy_id": policy.id,
            "domain": domain or "[]",
        }
        try:
            with cr.savepoint():
                Rule.create(vals)
        except Exception:  # pylint: disable=broad-except
            _logger.warning(
                "Invoice policy %s: its domain %r is refused; archived rule "
                "created for a manager to rewrite",
                policy.name,
                domain,
                exc_info=True,
            )
            Rule.create(
                dict(
                    vals,
                    domain="[]",
                    active=False,
                    description=f"Condition before the upgrade: {domain}",
                )
            )
    _logger.info("Invoice policies: %s rules created from their domains", len(rows))
