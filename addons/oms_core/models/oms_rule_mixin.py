# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models


class OmsRuleMixin(models.AbstractModel):
    """The rules engine, inherited by every document OMS rules apply to.

    ``_oms_apply_rules(event)`` loads the event's rules with one search,
    matches each rule against the whole recordset in memory, and hands the
    matches to ``_oms_rule_execute_<rule_type>`` grouped per action type, so
    the number of queries does not grow with the number of rules.
    """

    _name = "oms.rule.mixin"
    _description = "OMS Rules Engine"

    def _oms_get_rules(self, event, rule_domain=None):
        # Rules are configuration the engine reads on behalf of whoever
        # triggers the event (a helpdesk agent creating a ticket has no right
        # on oms.rule); the records matched keep the user's environment.
        return (
            self.env["oms.rule"]
            .sudo()
            ._get_rules(
                self._name,
                event,
                companies=self.mapped("company_id") or self.env.companies,
                rule_domain=rule_domain,
            )
        )

    def _oms_match_rules(self, event):
        """Return ``[(rule, records)]`` for the rules of ``event`` that match."""
        matches = []
        remaining = self
        for rule in self._oms_get_rules(event):
            if not remaining:
                break
            matched = rule._match(remaining)
            if not matched:
                continue
            matches.append((rule, matched))
            if rule.stop_processing:
                remaining -= matched
        return matches

    def _oms_rules_by_record(self, event):
        """``{record: rules}``: the rules of ``event`` matching each record
        of ``self``, in evaluation order (``stop_processing`` honoured).
        Records no rule matches are absent."""
        rules_by_record = {}
        for rule, records in self._oms_match_rules(event):
            for record in records:
                rules_by_record[record] = (
                    rules_by_record.get(record, rule.browse()) | rule
                )
        return rules_by_record

    def _oms_first_rule_by_record(self, event, rule_domain=None):
        """``{record: rule}``: the first rule of ``event`` (by sequence)
        matching each record of ``self``; records no rule matches are
        absent.

        :param rule_domain: conditions on the rules (e.g. the configuration
            they name is active), applied before the first match is taken
        """
        first = {}
        remaining = self
        for rule in self._oms_get_rules(event, rule_domain=rule_domain):
            if not remaining:
                break
            matched = rule._match(remaining)
            first.update(dict.fromkeys(matched, rule))
            remaining -= matched
        return first

    def _oms_apply_rules(self, event):
        """Evaluate the rules of ``event`` on ``self`` and run their actions.

        :returns: the ``[(rule, records)]`` matches, for callers that need them
        """
        if not self:
            return []
        matches = self._oms_match_rules(event)
        self._oms_execute_matches(matches)
        return matches

    def _oms_execute_matches(self, matches):
        """Run the actions of ``[(rule, records)]``, grouped per rule type."""
        by_type = defaultdict(list)
        for rule, records in matches:
            by_type[rule.rule_type].append((rule, records))
        for rule_type, type_matches in by_type.items():
            # rule_type is a Selection: the dispatch names are whitelisted.
            executor = getattr(self, f"_oms_rule_execute_{rule_type}", None)
            if executor is None:
                continue
            executor(type_matches)
