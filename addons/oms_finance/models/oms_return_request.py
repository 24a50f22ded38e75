# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class OmsReturnRequest(models.Model):
    """A customer return (RMA) of delivered goods, with its reason and
    resolution: a refund credit note or a replacement order.

    Confirmation creates the return picking with Odoo's return wizard;
    validating that receipt resolves the return.
    """

    _name = "oms.return.request"
    _description = "OMS Return Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(readonly=True, copy=False, default="/")
    order_id = fields.Many2one(
        "sale.order",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'sale')]",
    )
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    date = fields.Date(default=fields.Date.context_today, required=True)
    reason_id = fields.Many2one(
        "oms.reason",
        required=True,
        check_company=True,
        domain="[('reason_type', '=', 'return')]",
        tracking=True,
    )
    resolution = fields.Selection(
        [("refund", "Refund"), ("replacement", "Replacement")],
        compute="_compute_resolution",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
        help="Default from the order's invoice policy.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("received", "Received"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        check_company=True,
        help="Delivery the goods are returned from; empty: the order's.",
    )
    line_ids = fields.One2many(
        "oms.return.request.line", "request_id", string="Lines", copy=True
    )
    return_picking_ids = fields.One2many(
        "stock.picking", "oms_return_request_id", string="Return Receipts"
    )
    refund_move_ids = fields.One2many(
        "account.move",
        "oms_return_request_id",
        string="Refunds",
        groups="account.group_account_invoice",
    )
    replacement_order_id = fields.Many2one(
        "sale.order", readonly=True, copy=False, check_company=True
    )
    note = fields.Text()

    @api.constrains("reason_id")
    def _check_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(self, "reason_id", "return")

    @api.depends("order_id")
    def _compute_resolution(self):
        for request in self:
            policy = request.order_id and request.order_id._oms_get_invoice_policy()
            request.resolution = (
                policy and policy.return_resolution or request.resolution or "refund"
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "oms.return.request"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(r.state not in ("draft", "cancelled") for r in self):
            raise UserError(self.env._("Only draft or cancelled returns are deleted."))

    # PUBLIC ACTIONS

    def action_confirm(self):
        for request in self:
            if request.state != "draft":
                raise UserError(self.env._("Return %s is not a draft.", request.name))
            if not request.line_ids:
                raise UserError(self.env._("Return %s has no lines.", request.name))
            request.order_id._oms_check_finance_order()
            request._oms_check_quantities()
            request._oms_create_return_pickings()
            request.state = "confirmed"
        return True

    def action_cancel(self):
        if any(r.state in ("received", "done") for r in self):
            raise UserError(self.env._("A received return cannot be cancelled."))
        self.return_picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ).action_cancel()
        self.state = "cancelled"
        return True

    def action_process(self):
        """Resolve received returns (refund or replacement)."""
        self.filtered(lambda r: r.state == "received")._oms_resolve()
        return True

    def action_view_return_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.action_picking_tree_all"
        )
        action["domain"] = [("id", "in", self.return_picking_ids.ids)]
        return action

    # BUSINESS METHODS

    def _oms_check_quantities(self):
        self.ensure_one()
        returnable = self.order_id._oms_get_returnable_qty()
        for line in self.line_ids:
            available = returnable.get(line.sale_line_id, 0.0)
            rounding = line.sale_line_id.product_uom.rounding or 0.01
            if float_compare(line.quantity, 0.0, precision_rounding=rounding) <= 0:
                raise UserError(self.env._("Return quantities must be positive."))
            if float_compare(line.quantity, available, precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "Cannot return %(qty)s of %(product)s: only %(available)s "
                        "delivered and not yet returned.",
                        qty=line.quantity,
                        product=line.product_id.display_name,
                        available=available,
                    )
                )
            returnable[line.sale_line_id] = available - line.quantity

    def _oms_get_source_pickings(self):
        """Done deliveries the goods come back from."""
        self.ensure_one()
        if self.picking_id:
            return self.picking_id
        return self.order_id.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        ).sorted("id")

    def _oms_allocate_to_moves(self):
        """``{stock.move: qty}``: return quantities spread over the done
        delivery moves of each order line, net of what was returned."""
        self.ensure_one()
        moves = self._oms_get_source_pickings().move_ids.filtered(
            lambda m: m.state == "done"
        )
        allocation = {}
        for line in self.line_ids:
            todo = line.quantity
            line_moves = moves.filtered(
                lambda m, sl=line.sale_line_id: m.sale_line_id == sl
            )
            for move in line_moves:
                returned = sum(
                    move.returned_move_ids.filtered(
                        lambda m: m.state != "cancel"
                    ).mapped("product_uom_qty")
                )
                qty = min(todo, move.quantity - returned)
                if qty > 0:
                    allocation[move] = allocation.get(move, 0.0) + qty
                    todo -= qty
            if todo > 0.0001:
                raise UserError(
                    self.env._(
                        "No delivery left to return %(qty)s of %(product)s from.",
                        qty=todo,
                        product=line.product_id.display_name,
                    )
                )
        return allocation

    def _oms_create_return_pickings(self):
        """One return picking per delivery, through ``stock.return.picking``."""
        self.ensure_one()
        allocation = self._oms_allocate_to_moves()
        to_refund = self.resolution == "refund"
        for picking in self.env["stock.move"].concat(*allocation).picking_id:
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_model="stock.picking")
                .create({"picking_id": picking.id})
            )
            for wizard_line in wizard.product_return_moves:
                wizard_line.write(
                    {
                        "quantity": allocation.get(wizard_line.move_id, 0.0),
                        # Refunds lower the delivered quantity on the order
                        # line, so Odoo invoices the return as a refund.
                        "to_refund": to_refund,
                    }
                )
            return_picking = wizard._create_return()
            return_picking.oms_return_request_id = self

    def _oms_on_receipt_done(self):
        """Called when a return receipt is validated."""
        received = self.filtered(
            lambda r: (
                r.state == "confirmed"
                and all(p.state in ("done", "cancel") for p in r.return_picking_ids)
            )
        )
        received.state = "received"
        for request in received:
            try:
                with self.env.cr.savepoint():
                    request._oms_resolve()
            except UserError as error:
                self.env["oms.fallout"]._report(request.order_id, "return", error)

    def _oms_resolve(self):
        for request in self:
            if request.resolution == "refund":
                request._oms_create_refund()
            else:
                request._oms_create_replacement()
            request.state = "done"

    def _oms_create_refund(self):
        """Let Odoo invoice the returned lines (negative quantity to invoice)
        into a refund, and post it."""
        self.ensure_one()
        order = self.order_id
        lines = self.line_ids.sale_line_id.filtered(
            lambda sl: (
                float_compare(
                    sl.qty_to_invoice, 0.0, precision_rounding=sl.product_uom.rounding
                )
                != 0
            )
        )
        if not lines:
            # Returned before being invoiced: nothing left to refund.
            return self.env["account.move"]
        # The warehouse user validating the receipt may lack billing rights:
        # the refund is what the confirmed return already decided.
        balance = order.sudo()._oms_get_credit_balance()
        moves = (
            order.sudo()
            .with_context(oms_invoice_line_ids=lines.ids)
            ._create_invoices(final=True)
        )
        moves.write({"oms_return_request_id": self.id, "oms_order_id": order.id})
        # Each refund corrects the invoice holding the returned lines, and
        # settles it while it is open.
        for move in moves.filtered(lambda m: not m.reversed_entry_id):
            move.reversed_entry_id = order.sudo()._oms_get_credited_invoice(
                [
                    {
                        "sale_line_ids": [(6, 0, aml.sale_line_ids.ids)],
                        "quantity": aml.quantity,
                        "price_unit": aml.price_unit,
                    }
                    for aml in move.invoice_line_ids.filtered("sale_line_ids")
                ]
            )
        self._oms_cap_refund(moves, balance)
        moves.action_post()
        order.sudo()._oms_reconcile_credit_notes(moves)
        return moves.sudo(False)

    def _oms_cap_refund(self, moves, balance):
        """Refund the returned units at most for what the order still has
        creditable (``balance``, before the refund): units already credited
        by amount (a price adjustment, a deduction) are not paid back twice.
        The quantities stay, an offset line lowers the amount."""
        order = self.order_id.sudo()
        currency = order.currency_id
        for refund in moves.filtered(lambda m: m.move_type == "out_refund"):
            excess = currency.round(refund.amount_untaxed - max(balance, 0.0))
            if currency.compare_amounts(excess, 0.0) > 0:
                refund.write(
                    {
                        "invoice_line_ids": [
                            fields.Command.create(
                                self._oms_prepare_refund_offset_line(refund, excess)
                            )
                        ]
                    }
                )
            balance -= refund.amount_untaxed

    def _oms_prepare_refund_offset_line(self, refund, amount):
        """Line lowering ``refund`` by an untaxed ``amount`` already credited
        on the order, at the taxes of the refund's first line."""
        self.ensure_one()
        order = self.order_id.sudo()
        first = refund.invoice_line_ids.filtered(lambda a: a.display_type == "product")
        return {
            "name": self.env._("Already credited on %s", order.name),
            "quantity": 1.0,
            "price_unit": -amount,
            "account_id": order._oms_get_credit_account().id,
            "tax_ids": [fields.Command.set(first[:1].tax_ids.ids)],
        }

    def _oms_create_replacement(self):
        self.ensure_one()
        # As for refunds: the receiving user may not create sales orders.
        order = self.order_id.sudo()._oms_create_replacement_order(
            {line.sale_line_id: line.quantity for line in self.line_ids},
            self.reason_id,
        )
        self.replacement_order_id = order
        return order.sudo(False)


class OmsReturnRequestLine(models.Model):
    _name = "oms.return.request.line"
    _description = "OMS Return Request Line"

    request_id = fields.Many2one(
        "oms.return.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True)
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Order Line",
        required=True,
        domain="[('order_id', '=', parent.order_id), ('display_type', '=', False)]",
    )
    product_id = fields.Many2one(
        related="sale_line_id.product_id", store=True, string="Product"
    )
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    product_uom_id = fields.Many2one(related="sale_line_id.product_uom")
