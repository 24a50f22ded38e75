# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Document rules and task type criteria become OMS rules.

``oms.export.document.rule`` (gone from the code, its table still here until
the end of the update) and the ``incoterm_ids``/``mode`` criteria of task
types turn into ``oms.rule`` records of type ``require_document`` and
``create_task``, with the same conditions as a domain. The rules this
version ships (new xml ids, created by the data files just loaded) take the
place of the former shipped rows and receive their current configuration,
so managers' edits survive and nothing is counted twice.
"""

import ast
import logging

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, table_exists

_logger = logging.getLogger(__name__)

MODULE = "oms_export_logistics"
# (relation table, column of the other side, shipment field it filters on)
DOCUMENT_RULE_M2M = (
    (
        "account_incoterms_oms_export_document_rule_rel",
        "account_incoterms_id",
        "incoterm_id",
    ),
    (
        "oms_export_document_rule_res_country_rel",
        "res_country_id",
        "partner_id.country_id",
    ),
    (
        "account_payment_term_oms_export_document_rule_rel",
        "account_payment_term_id",
        "sale_order_ids.payment_term_id",
    ),
)
TASK_TYPE_M2M = (
    (
        "account_incoterms_oms_export_task_type_rel",
        "account_incoterms_id",
        "incoterm_id",
    ),
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    _migrate_document_rules(env)
    _migrate_task_types(env)


def _read_m2m(cr, relations, owner_column):
    """``{owner id: [(shipment field, [ids])]}`` from the old relation tables."""
    criteria = {}
    for table, column, field in relations:
        if not table_exists(cr, table):
            continue
        cr.execute(
            SQL(
                "SELECT %s, array_agg(%s ORDER BY %s) FROM %s GROUP BY 1",
                SQL.identifier(owner_column),
                SQL.identifier(column),
                SQL.identifier(column),
                SQL.identifier(table),
            )
        )
        for owner_id, ids in cr.fetchall():
            criteria.setdefault(owner_id, []).append((field, "in", ids))
    return criteria


def _xmlids(cr, model):
    cr.execute(
        "SELECT res_id, name FROM ir_model_data WHERE module = %s AND model = %s",
        (MODULE, model),
    )
    return dict(cr.fetchall())


def _save_rule(env, vals, rule=None):
    """Write ``vals`` on the shipped ``rule``, else create a rule. A condition
    the safe evaluator refuses gives an archived rule whose description
    keeps the former condition, for a manager to rewrite."""
    try:
        with env.cr.savepoint():
            if rule:
                rule.write(vals)
                return rule
            return env["oms.rule"].create(vals)
    except ValidationError as error:
        _logger.warning("Rule %s archived: %s", vals.get("name", rule), error)
        vals = {
            **vals,
            "domain": "[]",
            "active": False,
            "description": f"Former condition, refused: {vals['domain']}",
        }
        if rule:
            rule.write(vals)
            return rule
        return env["oms.rule"].create(vals)


def _shipped_rule(env, xmlids, res_id, old_prefix, new_prefix):
    """The rule this version ships in place of the shipped record ``res_id``
    (same xml id, new prefix), if any."""
    name = xmlids.get(res_id)
    if not name or not name.startswith(old_prefix):
        return None
    return env.ref(
        f"{MODULE}.{new_prefix}{name[len(old_prefix) :]}", raise_if_not_found=False
    )


def _domain_text(extra, terms):
    """The former extra condition (a literal list) and the criteria, as one
    domain text: domains put one after the other are ANDed."""
    try:
        return repr(list(ast.literal_eval(extra or "[]")) + terms)
    except (ValueError, SyntaxError, TypeError):
        # Not a literal list: kept as is, the evaluator will refuse it.
        return extra


def _copy_names(cr, table, rule_by_old_id):
    # Keep every translation of the names.
    if rule_by_old_id:
        cr.execute(
            SQL(
                "UPDATE oms_rule r SET name = o.name FROM %s o, "
                "unnest(%s::int[], %s::int[]) AS m(old_id, rule_id) "
                "WHERE o.id = m.old_id AND r.id = m.rule_id",
                SQL.identifier(table),
                list(rule_by_old_id),
                [rule.id for rule in rule_by_old_id.values()],
            )
        )


def _drop_tables(cr, tables):
    for table in tables:
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))


def _migrate_document_rules(env):
    cr = env.cr
    if not table_exists(cr, "oms_export_document_rule"):
        return
    criteria = _read_m2m(cr, DOCUMENT_RULE_M2M, "oms_export_document_rule_id")
    xmlids = _xmlids(cr, "oms.export.document.rule")
    cr.execute(
        "SELECT id, name->>'en_US', sequence, active, company_id, document_type_id, "
        "mandatory, letter_credit, mode, containers, domain "
        "FROM oms_export_document_rule ORDER BY id"
    )
    rule_by_old_id = {}
    for row in cr.fetchall():
        (old_id, name, sequence, active, company_id, doc_type_id, mandatory) = row[:7]
        letter_credit, mode, containers, extra = row[7:]
        terms = criteria.get(old_id, [])
        if letter_credit in ("yes", "no"):
            operator = "!=" if letter_credit == "yes" else "="
            terms.append(("letter_credit_id", operator, False))
        if mode:
            terms.append(("mode", "=", mode))
        if containers in ("yes", "no"):
            operator = "!=" if containers == "yes" else "="
            terms.append(("container_ids", operator, False))
        rule_by_old_id[old_id] = _save_rule(
            env,
            {
                "name": name,
                "sequence": sequence,
                "active": active,
                "company_id": company_id,
                "applies_to": "oms.export.shipment",
                "event": "shipment_documents",
                "rule_type": "require_document",
                "domain": _domain_text(extra, terms),
                "document_type_id": doc_type_id,
                "document_mandatory": mandatory,
            },
            rule=_shipped_rule(
                env,
                xmlids,
                old_id,
                "oms_export_document_rule_",
                "oms_rule_export_document_",
            ),
        )
    _copy_names(cr, "oms_export_document_rule", rule_by_old_id)
    # The former rows go with their table at the end of the update; their
    # xml ids and record rule (noupdate data) would be left dangling.
    record_rule = env.ref(
        f"{MODULE}.oms_export_document_rule_rule_company", raise_if_not_found=False
    )
    if record_rule:
        record_rule.unlink()
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = %s AND model = %s",
        (MODULE, "oms.export.document.rule"),
    )
    # Odoo leaves the table of a removed model behind: its content is in the
    # rules now.
    _drop_tables(
        cr,
        [table for table, _column, _field in DOCUMENT_RULE_M2M]
        + ["oms_export_document_rule"],
    )
    _logger.info("%s document rules converted to OMS rules", len(rule_by_old_id))


def _migrate_task_types(env):
    """Each task type gets a rule with its former criteria; one without
    criteria applied to every shipment, so its rule has an empty domain."""
    cr = env.cr
    if not column_exists(cr, "oms_export_task_type", "mode"):
        return
    criteria = _read_m2m(cr, TASK_TYPE_M2M, "oms_export_task_type_id")
    xmlids = _xmlids(cr, "oms.export.task.type")
    cr.execute(
        "SELECT id, name->>'en_US', sequence, company_id, mode "
        "FROM oms_export_task_type ORDER BY id"
    )
    rules = env["oms.rule"]
    for type_id, name, sequence, company_id, mode in cr.fetchall():
        terms = criteria.get(type_id, []) + ([("mode", "=", mode)] if mode else [])
        vals = {
            "sequence": sequence,
            "company_id": company_id,
            "applies_to": "oms.export.shipment",
            "event": "shipment_tasks",
            "rule_type": "create_task",
            "domain": repr(terms),
            "task_type_id": type_id,
        }
        shipped = _shipped_rule(
            env, xmlids, type_id, "oms_export_task_type_", "oms_rule_export_task_"
        )
        # A shipped rule keeps its name unless the criteria were changed; a
        # new one is named after its type.
        if not shipped or shipped.domain != vals["domain"]:
            vals["name"] = name
        rules |= _save_rule(env, vals, shipped)
    # The update drops the mode column with its field, but leaves the
    # relation table of a removed many2many: its content is in the rules.
    _drop_tables(cr, [table for table, _column, _field in TASK_TYPE_M2M])
    _logger.info("%s task types given OMS rules", len(rules))
