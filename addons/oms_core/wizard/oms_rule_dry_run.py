# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression

from ..tools.domain import eval_domain, validate_domain


class OmsRuleDryRun(models.TransientModel):
    """Lists the records a rule would hit now, without acting on them.

    The rule is evaluated in a button, never in a compute an onchange could
    reach (base_automation's hardening note).
    """

    _name = "oms.rule.dry.run"
    _description = "OMS Rule Dry Run"

    rule_id = fields.Many2one("oms.rule", required=True, ondelete="cascade")
    scope_domain = fields.Char(
        string="Among",
        default="[]",
        help="Restrict the records examined, e.g. open orders only.",
    )
    limit = fields.Integer(default=1000, help="Records examined at most.")

    @api.constrains("scope_domain", "rule_id")
    def _check_scope_domain(self):
        for wizard in self:
            validate_domain(
                self.env,
                wizard.rule_id.applies_to,
                wizard.scope_domain,
                label=self.env._("The scope"),
            )

    def _get_scope(self):
        self.ensure_one()
        return eval_domain(self.env, self.scope_domain, label=self.env._("The scope"))

    def _get_matches(self):
        self.ensure_one()
        rule = self.rule_id
        Model = self.env[rule.applies_to]
        domains = [rule._get_domain(), self._get_scope()]
        if "company_id" in Model._fields:
            domains.append([("company_id", "in", [False, *self.env.companies.ids])])
        domain = expression.AND(domains)
        candidates = Model.search(domain, limit=self.limit or None)
        return rule._match(candidates)

    def action_show_matches(self):
        matched = self._get_matches()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(count)s record(s) hit by %(rule)s",
                count=len(matched),
                rule=self.rule_id.name,
            ),
            "res_model": self.rule_id.applies_to,
            "view_mode": "list,form",
            "domain": [("id", "in", matched.ids)],
            "context": {"create": False},
        }
