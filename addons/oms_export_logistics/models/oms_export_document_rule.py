# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class OmsExportDocumentRule(models.Model):
    """Which shipments need a document: conditions a manager sets as data
    (incoterms, destination countries, payment terms, letter of credit, mode,
    containers, an optional domain), turned into one domain over shipments."""

    _name = "oms.export.document.rule"
    _description = "Export Document Requirement Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to apply the rule in every company."
    )
    document_type_id = fields.Many2one(
        "oms.export.document.type", required=True, ondelete="cascade", index=True
    )
    mandatory = fields.Boolean(default=True)
    incoterm_ids = fields.Many2many(
        "account.incoterms", string="Incoterms", help="Empty: any incoterm."
    )
    country_ids = fields.Many2many(
        "res.country",
        string="Destination Countries",
        help="Empty: any destination. The destination is the customer's country.",
    )
    payment_term_ids = fields.Many2many(
        "account.payment.term",
        string="Payment Terms",
        help="Empty: any payment term of the shipment's orders.",
    )
    letter_credit = fields.Selection(
        [("any", "Any"), ("yes", "Under a letter of credit"), ("no", "Without")],
        string="Letter of Credit",
        required=True,
        default="any",
    )
    mode = fields.Selection(selection="_selection_mode", help="Empty: any mode.")
    containers = fields.Selection(
        [("any", "Any"), ("yes", "With containers"), ("no", "Without")],
        required=True,
        default="any",
    )
    domain = fields.Char(
        string="Extra Condition",
        default="[]",
        required=True,
        help="A further domain over export shipments (a literal list, no code).",
    )

    # SELECTION METHODS

    @api.model
    def _selection_mode(self):
        # The shipment's modes, so a mode added there is offered here too.
        return self.env["oms.export.shipment"].fields_get(["mode"])["mode"]["selection"]

    # CONSTRAINT METHODS

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                domain = rule._get_domain()
                self.env["oms.export.shipment"].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The extra condition of document rule %(rule)s is not a "
                        "valid domain on export shipments: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    # BUSINESS METHODS

    def _get_domain(self):
        """The rule's conditions as one domain over ``oms.export.shipment``."""
        self.ensure_one()
        # A literal list only: rules are data, never code (security.rst).
        domains = [expression.normalize_domain(ast.literal_eval(self.domain or "[]"))]
        if self.incoterm_ids:
            domains.append([("incoterm_id", "in", self.incoterm_ids.ids)])
        if self.country_ids:
            domains.append([("partner_id.country_id", "in", self.country_ids.ids)])
        if self.payment_term_ids:
            domains.append(
                [("sale_order_ids.payment_term_id", "in", self.payment_term_ids.ids)]
            )
        if self.letter_credit != "any":
            operator = "!=" if self.letter_credit == "yes" else "="
            domains.append([("letter_credit_id", operator, False)])
        if self.mode:
            domains.append([("mode", "=", self.mode)])
        if self.containers != "any":
            operator = "!=" if self.containers == "yes" else "="
            domains.append([("container_ids", operator, False)])
        return expression.AND(domains)

    def _match(self, shipments):
        """Shipments among ``shipments`` the rule applies to, in memory."""
        self.ensure_one()
        if self.company_id:
            shipments = shipments.filtered(lambda s: s.company_id == self.company_id)
        return shipments.filtered_domain(self._get_domain())
