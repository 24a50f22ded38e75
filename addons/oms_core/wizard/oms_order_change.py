# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class OmsOrderChange(models.TransientModel):
    """Change the quantities and commitment date of an order with a reason."""

    _name = "oms.order.change"
    _description = "Change an Order With a Reason"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    reason_id = fields.Many2one(
        "oms.reason",
        string="Reason",
        required=True,
        domain="[('reason_type', '=', 'change')]",
    )
    note = fields.Text()
    commitment_date = fields.Datetime(
        string="Delivery Date",
        compute="_compute_commitment_date",
        store=True,
        readonly=False,
        help="The date promised to the customer. Leave empty to keep the current one.",
    )
    line_ids = fields.One2many(
        "oms.order.change.line",
        "wizard_id",
        string="Lines",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("order_id")
    def _compute_commitment_date(self):
        for wizard in self:
            wizard.commitment_date = wizard.order_id.commitment_date

    @api.depends("order_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create(wizard._prepare_line_vals(line))
                for line in wizard.order_id._oms_get_changeable_lines()
            ]

    @api.constrains("reason_id")
    def _check_reason_id(self):
        for wizard in self:
            if wizard.reason_id.reason_type != "change":
                raise ValidationError(
                    self.env._(
                        "%s is not an order change reason.", wizard.reason_id.name
                    )
                )

    def _prepare_line_vals(self, sale_line):
        return {"sale_line_id": sale_line.id, "new_qty": sale_line.product_uom_qty}

    def _get_line_quantities(self):
        """``{sale.order.line: new quantity}`` as entered in the wizard."""
        return {line.sale_line_id: line.new_qty for line in self.line_ids}

    def action_apply(self):
        self.ensure_one()
        self.order_id._oms_apply_change(
            self.reason_id, self.note, self._get_line_quantities(), self.commitment_date
        )
        return {"type": "ir.actions.act_window_close"}


class OmsOrderChangeLine(models.TransientModel):
    _name = "oms.order.change.line"
    _description = "Order Change Line"

    wizard_id = fields.Many2one("oms.order.change", required=True, ondelete="cascade")
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Order Line", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one(related="sale_line_id.product_id")
    product_uom = fields.Many2one(related="sale_line_id.product_uom", string="Unit")
    current_qty = fields.Float(
        related="sale_line_id.product_uom_qty", string="Current Quantity"
    )
    qty_delivered = fields.Float(related="sale_line_id.qty_delivered")
    new_qty = fields.Float(string="New Quantity", digits="Product Unit of Measure")
