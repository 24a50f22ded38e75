# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsCreditNoteWizard(models.TransientModel):
    """Credit an order for a price adjustment, a deduction or returned
    goods, with a credit reason code."""

    _name = "oms.credit.note.wizard"
    _description = "OMS Credit Note"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    reason_id = fields.Many2one(
        "oms.reason",
        string="Reason",
        required=True,
        domain="[('reason_type', '=', 'credit')]",
    )
    kind = fields.Selection(
        [
            ("price_adjustment", "Price adjustment"),
            ("deduction", "Deduction"),
            ("return", "Return"),
        ],
        required=True,
        default="price_adjustment",
    )
    mode = fields.Selection(
        [("amount", "An amount"), ("lines", "Quantities of order lines")],
        required=True,
        default="amount",
    )
    amount = fields.Monetary(
        currency_field="currency_id", help="Untaxed amount to credit."
    )
    line_ids = fields.One2many(
        "oms.credit.note.wizard.line", "wizard_id", string="Lines"
    )
    balance = fields.Monetary(
        compute="_compute_balance",
        currency_field="currency_id",
        string="Creditable",
        help="Invoiced amount (untaxed) net of earlier credit notes.",
    )
    post = fields.Boolean(default=True)

    @api.depends("order_id")
    def _compute_balance(self):
        for wizard in self:
            wizard.balance = wizard.order_id._oms_get_credit_balance()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        order = self.env["sale.order"].browse(res.get("order_id"))
        if order and "line_ids" in fields_list:
            res["line_ids"] = [
                fields.Command.create({"sale_line_id": line.id, "quantity": 0.0})
                for line in order.order_line.filtered(
                    lambda line: not line.display_type and line.qty_invoiced
                )
            ]
        return res

    def action_create(self):
        self.ensure_one()
        line_qtys = None
        if self.mode == "lines":
            line_qtys = {
                line.sale_line_id: line.quantity
                for line in self.line_ids
                if line.quantity
            }
        refund = self.order_id._oms_create_credit_note(
            self.reason_id,
            amount=self.amount if self.mode == "amount" else None,
            line_qtys=line_qtys,
            kind=self.kind,
            post=self.post,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": refund.id,
            "view_mode": "form",
        }


class OmsCreditNoteWizardLine(models.TransientModel):
    _name = "oms.credit.note.wizard.line"
    _description = "OMS Credit Note Line"

    wizard_id = fields.Many2one(
        "oms.credit.note.wizard", required=True, ondelete="cascade"
    )
    sale_line_id = fields.Many2one("sale.order.line", required=True)
    product_id = fields.Many2one(related="sale_line_id.product_id")
    qty_invoiced = fields.Float(related="sale_line_id.qty_invoiced")
    quantity = fields.Float(digits="Product Unit of Measure")
