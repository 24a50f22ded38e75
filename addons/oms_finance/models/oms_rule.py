# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OmsRule(models.Model):
    """Finance rules on the OMS rules engine: which invoice policy an order
    gets (``invoice_policy``; the first matching rule by sequence wins,
    unless the customer names a policy)."""

    _inherit = "oms.rule"

    area = fields.Selection(
        selection_add=[("finance", "Finance")],
        ondelete={"finance": "set null"},
    )
    event = fields.Selection(
        selection_add=[("invoice_policy", "Invoice policy choice")],
        ondelete={"invoice_policy": "cascade"},
    )
    rule_type = fields.Selection(
        selection_add=[("invoice_policy", "Apply invoice policy")],
        ondelete={"invoice_policy": "cascade"},
    )
    invoice_policy_id = fields.Many2one(
        "oms.invoice.policy",
        string="Invoice Policy",
        index="btree_not_null",
        ondelete="cascade",
        help="Apply invoice policy: the policy the matching orders are "
        "invoiced under (the first rule by sequence wins).",
    )

    # CONSTRAINT METHODS

    @api.constrains("invoice_policy_id", "company_id")
    def _check_invoice_policy_company(self):
        # A policy invoices into its company's journal: its rules apply to
        # that company's orders only.
        for rule in self.filtered("invoice_policy_id"):
            if rule.company_id != rule.invoice_policy_id.company_id:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s applies invoice policy %(policy)s of "
                        "%(company)s: give the rule that company.",
                        rule=rule.name,
                        policy=rule.invoice_policy_id.name,
                        company=rule.invoice_policy_id.company_id.name,
                    )
                )

    # BUSINESS METHODS

    @api.model
    def _get_rule_type_specs(self):
        specs = super()._get_rule_type_specs()
        specs["invoice_policy"] = {
            "area": "finance",
            "applies_to": "sale.order",
            "event": "invoice_policy",
            "required": ("invoice_policy_id",),
            "payload": "invoice_policy_id",
        }
        return specs
