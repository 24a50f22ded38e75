# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..tools.domain import eval_domain, validate_domain


class OmsRule(models.Model):
    """A configurable OMS rule: which records (model, event, domain and an
    optional whitelisted check), and what to do with them (a typed action).

    Addons register their models, events, checks and action types with
    ``selection_add``; the engine lives in ``oms.rule.mixin``. No rule type
    runs user-written Python.
    """

    _name = "oms.rule"
    _description = "OMS Rule"
    # No guarded state: the mixin keeps a rule from being moved to a company
    # its editor cannot access.
    _inherit = ["oms.state.guard.mixin"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    area = fields.Selection(
        selection=[("order", "Orders")],
        compute="_compute_area",
        store=True,
        index=True,
        help="The part of the OMS the rule belongs to, from its action.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to apply the rule in every company.",
    )
    applies_to = fields.Selection(
        selection=[
            ("sale.order", "Sales Order"),
            ("sale.order.line", "Sales Order Line"),
        ],
        required=True,
        default="sale.order",
        ondelete={"sale.order": "cascade", "sale.order.line": "cascade"},
    )
    event = fields.Selection(
        selection=[
            ("confirm", "Order confirmation"),
            ("change", "Order change"),
            ("stage", "Stage change"),
            ("jeopardy_scan", "Jeopardy scan"),
        ],
        required=True,
        default="confirm",
        ondelete={
            "confirm": "cascade",
            "change": "cascade",
            "stage": "cascade",
            "jeopardy_scan": "cascade",
        },
        help="The pipeline event at which the rule is evaluated.",
    )
    domain = fields.Char(
        default="[]",
        required=True,
        help="Records the rule applies to. A domain is data: literal values, "
        "uid, company_id, company_ids and relative dates (context_today(), "
        "relativedelta(...)); no record is in reach.",
    )
    check_method = fields.Selection(
        selection=[
            ("_oms_check_missing_data", "Mandatory data missing"),
            ("_oms_check_credit_limit", "Credit exposure over limit"),
            ("_oms_check_first_order_amount", "First order over amount"),
            ("_oms_check_ship_bill_country", "Ship-to country differs from bill-to"),
            ("_oms_check_high_risk_country", "High-risk country"),
            ("_oms_check_quantity_history", "Quantity far above history"),
            ("_oms_check_payment_authorized", "Prepayment not authorized"),
            ("_oms_check_price_floor", "Price or discount beyond floor"),
        ],
        ondelete=dict.fromkeys(
            [
                "_oms_check_missing_data",
                "_oms_check_credit_limit",
                "_oms_check_first_order_amount",
                "_oms_check_ship_bill_country",
                "_oms_check_high_risk_country",
                "_oms_check_quantity_history",
                "_oms_check_payment_authorized",
                "_oms_check_price_floor",
            ],
            "set null",
        ),
        help="Optional built-in check the records matching the domain must "
        "also fail. Checks are a fixed list, never code.",
    )
    rule_type = fields.Selection(
        selection=[
            ("hold", "Put on hold"),
            ("approval", "Require approval"),
            ("warn", "Warn"),
            ("priority", "Set priority"),
            ("jeopardy", "Set jeopardy level"),
            ("notify", "Send email"),
        ],
        required=True,
        default="hold",
        ondelete={
            "hold": "cascade",
            "approval": "cascade",
            "warn": "cascade",
            "priority": "cascade",
            "jeopardy": "cascade",
            "notify": "cascade",
        },
    )
    stop_processing = fields.Boolean(
        help="Records matched by this rule are not evaluated by later rules "
        "of the same event.",
    )
    message = fields.Char(
        translate=True,
        help="Shown to users on the hold or warning.",
    )
    # Typed action parameters
    reason_id = fields.Many2one(
        "oms.reason",
        domain="[('reason_type', '=', 'hold')]",
        string="Hold Reason",
        check_company=True,
    )
    group_id = fields.Many2one(
        "res.groups",
        string="Approver Group",
        help="Members of this group may release holds raised by the rule. "
        "Empty: OMS managers.",
    )
    auto_release = fields.Boolean(
        help="Release the hold automatically once the records no longer "
        "match the rule (e.g. a payment got authorized).",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Urgent")],
        default="1",
    )
    jeopardy_level = fields.Selection(
        [
            ("low", "Low"),
            ("medium", "Medium"),
            ("high", "High"),
            ("critical", "Critical"),
        ],
    )
    escalate = fields.Boolean(
        help="Schedule an escalation activity for the salesperson when a "
        "line reaches this level.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        domain="[('model', '=', applies_to)]",
        string="Email Template",
    )
    # Typed check parameters
    amount_threshold = fields.Float(
        help="Amount in company currency used by amount-based checks.",
    )
    ratio_threshold = fields.Float(
        default=3.0,
        help="Multiple of the customer's average quantity above which a "
        "quantity is suspicious.",
    )
    max_discount = fields.Float(
        string="Maximum Discount (%)",
        help="Price-floor check: a line discount above this needs approval.",
    )
    country_ids = fields.Many2many("res.country", string="Countries")

    # COMPUTE METHODS

    @api.depends("rule_type")
    def _compute_area(self):
        specs = self._get_rule_type_specs()
        for rule in self:
            rule.area = specs.get(rule.rule_type, {}).get("area", "order")

    # ONCHANGE METHODS

    @api.onchange("rule_type")
    def _onchange_rule_type(self):
        # A rule type that only makes sense on one model and event sets them.
        spec = self._get_rule_type_specs().get(self.rule_type, {})
        if spec.get("applies_to"):
            self.applies_to = spec["applies_to"]
        if spec.get("event"):
            self.event = spec["event"]

    # CRUD METHODS

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._fill_rule_type_from_payload(vals)
        rules = super().create(vals_list)
        self.env.registry.clear_cache()  # _get_rule_data
        return rules

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()  # _get_rule_data
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _get_rule_data
        return result

    # CONSTRAINT METHODS

    @api.constrains(
        lambda self: (
            "rule_type",
            "applies_to",
            "event",
            *{
                name
                for spec in self._get_rule_type_specs().values()
                for name in spec.get("required", ())
            },
        )
    )
    def _check_rule_type_spec(self):
        """A rule type declared for one model and event (see
        :meth:`_get_rule_type_specs`) is refused elsewhere, and its
        parameters are required."""
        specs = self._get_rule_type_specs()
        for rule in self:
            spec = specs.get(rule.rule_type, {})
            for key in ("applies_to", "event"):
                if spec.get(key) and rule[key] != spec[key]:
                    raise ValidationError(
                        self.env._(
                            "Rule %(rule)s (%(type)s) must apply to %(expected)s.",
                            rule=rule.name,
                            type=rule._get_selection_label("rule_type"),
                            expected=dict(
                                self._fields[key]._description_selection(self.env)
                            )[spec[key]],
                        )
                    )
            missing = [name for name in spec.get("required", ()) if not rule[name]]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: set %(fields)s.",
                        rule=rule.name,
                        fields=", ".join(
                            self._fields[name].get_description(self.env)["string"]
                            for name in missing
                        ),
                    )
                )

    @api.constrains("domain", "applies_to")
    def _check_domain(self):
        for rule in self:
            validate_domain(
                self.env,
                rule.applies_to,
                rule.domain,
                label=self.env._("The condition of rule %s", rule.name),
            )

    @api.constrains("amount_threshold", "ratio_threshold", "max_discount")
    def _check_thresholds(self):
        for rule in self:
            if rule.amount_threshold < 0 or rule.ratio_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The thresholds of rule %s cannot be negative.", rule.name
                    )
                )
            if not 0 <= rule.max_discount <= 100:
                raise ValidationError(
                    self.env._(
                        "The maximum discount of rule %s must be between 0 and 100 %%.",
                        rule.name,
                    )
                )

    @api.constrains("reason_id")
    def _check_reason_type(self):
        self.env["oms.reason"]._oms_check_reason_type(self, "reason_id", "hold")

    @api.constrains("mail_template_id", "applies_to")
    def _check_mail_template_model(self):
        for rule in self.filtered("mail_template_id"):
            if rule.mail_template_id.model != rule.applies_to:
                raise ValidationError(
                    self.env._(
                        "The email template of rule %s is not for the records "
                        "the rule applies to.",
                        rule.name,
                    )
                )

    # BUSINESS METHODS

    @api.model
    def _get_rule_type_specs(self):
        """What each rule type is, for the engine and the rules menu.

        ``{rule_type: {"area": area, "applies_to": model, "event": event,
        "required": (parameter field, ...), "payload": field}}``; every key
        but ``area`` is optional. ``payload`` names the Many2one to the
        configuration a selecting rule type chooses (a rule created with it
        and no type gets this type).

        An addon adding a rule type with ``selection_add`` declares it here
        (``super()`` then ``update``) and, for an action run by the engine,
        implements ``_oms_rule_execute_<rule_type>`` on the model the rule
        applies to. A rule type that selects configuration (an invoice
        policy, a document, a task) is read with
        ``records._oms_rules_by_record(event)`` or
        ``records._oms_first_rule_by_record(event)`` instead.
        """
        return {
            "hold": {"area": "order"},
            "approval": {"area": "order"},
            "warn": {"area": "order"},
            "priority": {"area": "order"},
            "jeopardy": {"area": "order", "required": ("jeopardy_level",)},
            "notify": {"area": "order", "required": ("mail_template_id",)},
        }

    @api.model
    def _fill_rule_type_from_payload(self, vals):
        """A rule created from the configuration it selects (the "Applies
        to" page of an invoice policy, a document type, a task type...)
        without a rule type is a rule of that configuration: its type, model
        and event follow the spec whose ``payload`` field is set. Explicit
        values are kept, so the spec constraint still refuses a wrong one."""
        if "rule_type" in vals:
            return vals
        for rule_type, spec in self._get_rule_type_specs().items():
            if spec.get("payload") and vals.get(spec["payload"]):
                vals["rule_type"] = rule_type
                vals.setdefault("applies_to", spec["applies_to"])
                vals.setdefault("event", spec["event"])
                break
        return vals

    def _get_selection_label(self, field_name):
        self.ensure_one()
        selection = self._fields[field_name]._description_selection(self.env)
        return dict(selection).get(self[field_name], self[field_name])

    def _get_domain(self):
        self.ensure_one()
        try:
            return eval_domain(self.env, self.domain)
        except ValidationError:
            # The name (a translated field, not among the values the engine
            # keeps cached) is read only to say which rule is wrong.
            return eval_domain(
                self.env,
                self.domain,
                label=self.env._("The condition of rule %s", self.name),
            )

    @api.model
    def _get_rules(self, model_name, event, companies=None, rule_domain=None):
        """Active rules of ``event`` for ``model_name``, in evaluation order.

        :param rule_domain: further conditions on the rules themselves, e.g.
            that the configuration they name is active
        """
        companies = companies if companies is not None else self.env.companies
        if (
            rule_domain
            or not self.env.su
            or not self.env.context.get("active_test", True)
        ):
            return self.search(
                self._get_rules_domain(model_name, event, companies.ids)
                + list(rule_domain or [])
            )
        # The engine asks at every event of every order (the mixin reads the
        # rules as superuser): which rules apply, and the values matching
        # reads, are cached until a rule is created, changed or deleted.
        rule_ids, values = self._get_rule_data(
            model_name, event, tuple(sorted(companies.ids))
        )
        rules = self.browse(rule_ids)
        cache = self.env.cache
        for fname, field_values in values.items():
            cache.insert_missing(rules, self._fields[fname], field_values)
        return rules

    @api.model
    @tools.ormcache("model_name", "event", "company_ids")
    def _get_rule_data(self, model_name, event, company_ids):
        """``(rule ids, {field name: cache values in the ids' order})``:
        the active rules and the values of ``_get_match_fields`` (ids and
        plain values only, no records)."""
        domain = self._get_rules_domain(model_name, event, company_ids)
        rules = self.sudo().with_context(active_test=True).search(domain)
        values = {}
        for fname in self._get_match_fields():
            field = self._fields[fname]
            values[fname] = tuple(
                field.convert_to_cache(rule[fname], rule, validate=False)
                for rule in rules
            )
        return tuple(rules.ids), values

    @api.model
    def _get_match_fields(self):
        """Fields the engine reads to match rules (not to act on them),
        cached with the rules so that matching reads no rule. Neither
        translated nor company-dependent: their cached value is one for
        every user. Override to add the fields a check of yours reads."""
        return [
            "company_id",
            "domain",
            "check_method",
            "stop_processing",
            "rule_type",
            "sequence",
            "amount_threshold",
            "ratio_threshold",
            "max_discount",
            "country_ids",
        ]

    @api.model
    def _get_rules_domain(self, model_name, event, company_ids):
        return [
            ("applies_to", "=", model_name),
            ("event", "=", event),
            ("company_id", "in", [False, *company_ids]),
        ]

    def _match(self, records):
        """Records among ``records`` the rule applies to, evaluated in memory.

        The domain runs through ``filtered_domain``; a check method, chosen
        from the whitelist above, then narrows the result.
        """
        self.ensure_one()
        if self.company_id and "company_id" in records._fields:
            records = records.filtered(lambda r: r.company_id == self.company_id)
        matched = records.filtered_domain(self._get_domain())
        if matched and self.check_method:
            # The name comes from a Selection, so it is whitelisted.
            if not self.check_method.startswith("_oms_check_"):
                raise ValidationError(
                    self.env._("%s is not an OMS check.", self.check_method)
                )
            matched = getattr(matched, self.check_method)(self)
        return matched

    # PUBLIC ACTIONS

    def action_dry_run(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dry run"),
            "res_model": "oms.rule.dry.run",
            "view_mode": "form",
            "target": "new",
            "context": {"default_rule_id": self.id},
        }
