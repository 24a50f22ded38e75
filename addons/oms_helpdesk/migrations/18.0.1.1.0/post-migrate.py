# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Survey policies lost their customer segments (``partner_category_ids``):
which deliveries a policy applies to is now a ``send_survey`` rule of the
OMS rules engine. Each policy's segment becomes one rule with the policy's
sequence and company, so the same policy is picked as before (a policy
without segment applied to everyone: its rule's domain is ``[]``).

The old relation table still exists here: Odoo drops it after the update.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)

OLD_TABLE = "oms_helpdesk_survey_policy_res_partner_category_rel"


def _segment_domain(tag_ids):
    """The former matcher's condition: the order's customer, or its company,
    has one of the tags."""
    if not tag_ids:
        return "[]"
    return str(
        [
            "|",
            ("sale_id.partner_id.category_id", "in", tag_ids),
            ("sale_id.partner_id.commercial_partner_id.category_id", "in", tag_ids),
        ]
    )


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    # Routing rules now belong to the helpdesk area.
    rules = env["oms.rule"].search([("rule_type", "in", ("route", "send_survey"))])
    env.add_to_compute(rules._fields["area"], rules)
    if not table_exists(cr, OLD_TABLE):
        return
    cr.execute(
        """SELECT oms_helpdesk_survey_policy_id,
                  array_agg(res_partner_category_id ORDER BY res_partner_category_id)
             FROM oms_helpdesk_survey_policy_res_partner_category_rel
            GROUP BY oms_helpdesk_survey_policy_id"""
    )
    tags_by_policy = dict(cr.fetchall())
    policies = env["oms.helpdesk.survey.policy"].search([])
    # Rules the data files of this update already created for shipped and
    # demo policies take the policy's former criteria, keeping their xml id.
    existing = env["oms.rule"].search(
        [("rule_type", "=", "send_survey"), ("survey_policy_id", "in", policies.ids)]
    )
    rule_by_policy = {rule.survey_policy_id: rule for rule in existing}
    to_create = []
    for policy in policies:
        vals = {
            "sequence": policy.sequence,
            "company_id": policy.company_id.id,
            "domain": _segment_domain(tags_by_policy.get(policy.id, [])),
            # An archived policy's rules are skipped by the engine.
            "active": True,
        }
        if policy in rule_by_policy:
            rule_by_policy[policy].write(vals)
            continue
        to_create.append(
            {
                **vals,
                "name": policy.name,
                "applies_to": "stock.picking",
                "event": "delivery_done",
                "rule_type": "send_survey",
                "survey_policy_id": policy.id,
            }
        )
    env["oms.rule"].create(to_create)
    env.flush_all()
    _logger.info(
        "Survey policies: %s rules created, %s updated from customer segments",
        len(to_create),
        len(rule_by_policy),
    )
