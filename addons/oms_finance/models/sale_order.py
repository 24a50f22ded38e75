# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero


class SaleOrder(models.Model):
    """Order-to-cash on sales orders: invoice policy, returns, credit notes
    and replacement orders.

    Everything goes through Odoo's own flows: ``_create_invoices`` and
    ``action_post`` for invoices and refunds, ``stock.return.picking`` for
    returns. These methods are the API other OMS features call.
    """

    _inherit = "sale.order"

    oms_origin_order_id = fields.Many2one(
        "sale.order",
        string="Replaces Order",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The order whose returned goods this replacement order ships again.",
    )
    oms_return_request_ids = fields.One2many(
        "oms.return.request", "order_id", string="Returns"
    )
    oms_return_count = fields.Integer(
        string="Return Count", compute="_compute_oms_return_count"
    )
    oms_credit_note_ids = fields.One2many(
        "account.move",
        "oms_order_id",
        string="OMS Credit Notes",
        domain=[("move_type", "=", "out_refund")],
        groups="account.group_account_invoice",
    )

    def _compute_oms_return_count(self):
        counts = dict(
            self.env["oms.return.request"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.oms_return_count = counts.get(order, 0)

    # INVOICE POLICY

    def _oms_get_invoice_policy(self):
        """The policy of one order: the customer's own, else the first
        matching policy of the company by sequence."""
        self.ensure_one()
        return self.env["oms.invoice.policy"]._oms_policies_for(self)[self]

    def _oms_get_not_invoiceable(self):
        # One answer to "when is this order invoiced", for the OMS and for
        # Odoo's online-payment invoicing alike: the order's invoice policy
        # may say "not yet" (on shipment, scheduled or manual invoicing).
        blocked = super()._oms_get_not_invoiceable()
        policies = self.env["oms.invoice.policy"]._oms_policies_for(self - blocked)
        by_policy = {}
        for order, policy in policies.items():
            if policy:
                by_policy[policy] = by_policy.get(policy, self.browse()) | order
        for policy, orders in by_policy.items():
            blocked |= policy._oms_get_not_due(orders)
        return blocked

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        policy_id = self.env.context.get("oms_invoice_policy_id")
        policy = self.env["oms.invoice.policy"].browse(policy_id)
        if not policy and not self.journal_id:
            # Invoiced by hand: still the journal of the order's policy.
            policy = self._oms_get_invoice_policy()
        if policy.journal_id:
            vals["journal_id"] = policy.journal_id.id
        return vals

    def _get_invoiceable_lines(self, final=False):
        # A return refund must only credit the returned lines, not invoice
        # the order's other delivered lines at the same time.
        lines = super()._get_invoiceable_lines(final=final)
        only = self.env.context.get("oms_invoice_line_ids")
        if only is not None:
            lines = lines.filtered(lambda line: line.id in only or line.display_type)
        return lines

    # CHECKS

    def _oms_check_finance_order(self):
        for order in self:
            if order.state == "cancel":
                raise UserError(self.env._("Order %s is cancelled.", order.name))
            if order.state != "sale":
                raise UserError(self.env._("Order %s is not confirmed.", order.name))

    def _oms_normalize_line_qtys(self, line_qtys):
        """``{line or id: qty}`` as ``[(line, qty)]``, refused when a line is
        not the order's or a quantity is not positive."""
        self.ensure_one()
        result = []
        for line, qty in (line_qtys or {}).items():
            line = self.env["sale.order.line"].browse(getattr(line, "id", line))
            if line.order_id != self or line.display_type:
                raise UserError(
                    self.env._(
                        "Line %(line)s is not a product line of order %(order)s.",
                        line=line.display_name,
                        order=self.name,
                    )
                )
            rounding = line.product_uom.rounding
            if float_compare(qty, 0.0, precision_rounding=rounding) <= 0:
                raise UserError(
                    self.env._(
                        "The quantity of %s must be positive.", line.product_id.name
                    )
                )
            result.append((line, qty))
        if not result:
            raise UserError(self.env._("Give at least one line and quantity."))
        return result

    # RETURNS

    def _oms_get_returnable_qty(self):
        """Per order line: delivered minus what open or replaced returns
        already take back (refunded returns lower the delivered quantity)."""
        requests = self.env["oms.return.request"].search(
            [("order_id", "in", self.ids), ("state", "!=", "cancelled")]
        )
        pending = {}
        for line in requests.line_ids:
            request = line.request_id
            counts = request.state in ("draft", "confirmed", "received") or (
                request.resolution == "replacement"
            )
            if request.state != "draft" and counts:
                key = line.sale_line_id
                pending[key] = pending.get(key, 0.0) + line.quantity
        lines = self.order_line.filtered(lambda line: not line.display_type)
        return {line: line.qty_delivered - pending.get(line, 0.0) for line in lines}

    def _oms_create_return_request(
        self, line_qtys, reason, resolution="refund", picking=None
    ):
        """Create and confirm a return (with its return picking).

        :param line_qtys: ``{sale.order.line or id: qty}``
        :param reason: ``oms.reason`` of type ``return``
        :param resolution: ``refund`` or ``replacement``
        :param picking: the delivery to return from (default: the order's)
        :returns: the confirmed ``oms.return.request``
        """
        self.ensure_one()
        self._oms_check_finance_order()
        self._oms_check_reason(reason, "return")
        pairs = self._oms_normalize_line_qtys(line_qtys)
        self._oms_check_returnable(pairs)
        request = self.env["oms.return.request"].create(
            self._oms_prepare_return_request_vals(pairs, reason, resolution, picking)
        )
        request.action_confirm()
        return request

    def _oms_check_returnable(self, pairs):
        returnable = self._oms_get_returnable_qty()
        for line, qty in pairs:
            available = returnable.get(line, 0.0)
            rounding = line.product_uom.rounding
            if float_compare(qty, available, precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "Cannot return %(qty)s of %(product)s: only %(available)s "
                        "delivered and not yet returned.",
                        qty=qty,
                        product=line.product_id.display_name,
                        available=available,
                    )
                )

    def _oms_prepare_return_request_vals(self, pairs, reason, resolution, picking):
        return {
            "order_id": self.id,
            "reason_id": reason.id,
            "resolution": resolution,
            "picking_id": picking.id if picking else False,
            "line_ids": [
                Command.create(
                    {
                        "sale_line_id": line.id,
                        "quantity": qty,
                    }
                )
                for line, qty in pairs
            ],
        }

    # CREDIT NOTES

    def _oms_get_credit_balance(self):
        """Untaxed amount invoiced (posted) on the order's lines net of every
        credit note that is not cancelled, posted or draft, of every kind
        (returns, price adjustments, deductions, Odoo's own reversals of the
        order's invoices): what a new credit note may credit."""
        self.ensure_one()
        sale_lines = self.order_line
        invoices = sale_lines.invoice_lines.move_id.filtered(
            lambda m: m.move_type == "out_invoice"
        )
        moves = invoices | invoices.reversal_move_ids | self.oms_credit_note_ids
        moves |= sale_lines.invoice_lines.move_id
        balance = 0.0
        for move in moves.filtered(lambda m: m.state != "cancel"):
            for aml in move.invoice_line_ids.filtered(
                lambda a: a.display_type == "product"
            ):
                if aml.sale_line_ids:
                    if not aml.sale_line_ids & sale_lines:
                        continue
                elif (
                    move.oms_order_id != self and move.reversed_entry_id not in invoices
                ):
                    continue
                if move.move_type == "out_invoice" and move.state == "posted":
                    balance += aml.price_subtotal
                elif move.move_type == "out_refund":
                    balance -= aml.price_subtotal
        return balance

    def _oms_create_credit_note(
        self, reason, amount=None, line_qtys=None, kind="price_adjustment", post=True
    ):
        """Credit note (``out_refund``) for the order: an untaxed ``amount``
        or quantities of order lines at their invoiced price.

        Refused when it credits more than invoiced net of earlier credits.
        :returns: the ``account.move``
        """
        self.ensure_one()
        self._oms_check_finance_order()
        self._oms_check_reason(reason, "credit")
        line_vals = self._oms_prepare_credit_note_lines(amount, line_qtys)
        total = sum(vals["quantity"] * vals["price_unit"] for vals in line_vals)
        balance = self._oms_get_credit_balance()
        currency = self.currency_id
        if float_compare(total, balance, precision_rounding=currency.rounding) > 0:
            raise UserError(
                self.env._(
                    "The credit note (%(total)s) is above what order %(order)s "
                    "has invoiced net of earlier credits (%(balance)s).",
                    total=currency.format(total),
                    order=self.name,
                    balance=currency.format(balance),
                )
            )
        vals = self._oms_prepare_credit_note_vals(reason, kind, line_vals)
        # Like _create_invoices: sales users create refunds for their orders
        # without full billing rights.
        refund = (
            self.env["account.move"]
            .sudo()
            .with_context(default_move_type="out_refund")
            .create(vals)
        )
        if post:
            refund.action_post()
            self._oms_reconcile_credit_notes(refund)
        return refund.sudo(False)

    def _oms_get_credited_invoice(self, line_vals):
        """The posted invoice a credit note of ``line_vals`` corrects: for
        quantities, the newest invoice holding enough of each credited line;
        for an amount, the newest invoice still holding that amount net of
        its credit notes (else the one holding most)."""
        self.ensure_one()
        invoices = (
            self.order_line.invoice_lines.move_id.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            )
            .sorted("id")
            .sudo()
        )
        if not invoices:
            return invoices
        qtys = {}
        for vals in line_vals:
            for line_id in vals.get("sale_line_ids", [(0, 0, [])])[0][2]:
                qtys[line_id] = qtys.get(line_id, 0.0) + vals["quantity"]
        if qtys:
            holding = invoices.filtered(
                lambda inv: all(
                    sum(
                        aml.quantity
                        for aml in inv.invoice_line_ids
                        if line_id in aml.sale_line_ids.ids
                    )
                    >= qty
                    for line_id, qty in qtys.items()
                )
            ) or invoices.filtered(
                lambda inv: set(qtys) & set(inv.invoice_line_ids.sale_line_ids.ids)
            )
            return (holding or invoices)[-1:].sudo(False)
        total = sum(vals["quantity"] * vals["price_unit"] for vals in line_vals)
        currency = self.currency_id

        def open_amount(invoice):
            credits = invoice.reversal_move_ids.filtered(lambda m: m.state != "cancel")
            return invoice.amount_untaxed - sum(credits.mapped("amount_untaxed"))

        holding = invoices.filtered(
            lambda inv: currency.compare_amounts(open_amount(inv), total) >= 0
        )
        if holding:
            return holding[-1:].sudo(False)
        return invoices.sorted(open_amount)[-1:].sudo(False)

    def _oms_reconcile_credit_notes(self, refunds):
        """Settle posted credit notes with the invoice they correct while it
        is open, as Odoo's reversal does: the customer then owes the net and
        paying it is not a short payment (no deduction on top of a credit)."""
        for refund in refunds.sudo().filtered(
            lambda m: m.state == "posted" and m.reversed_entry_id
        ):
            invoice = refund.reversed_entry_id
            receivable = refund.line_ids.filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable"
                    and not line.reconciled
                )
            )
            if (
                receivable
                and invoice.state == "posted"
                and invoice.payment_state in ("not_paid", "partial")
            ):
                invoice.js_assign_outstanding_line(receivable.ids[0])

    def _oms_prepare_credit_note_lines(self, amount, line_qtys):
        if line_qtys:
            lines = []
            invoiced = {}
            for line, qty in self._oms_normalize_line_qtys(line_qtys):
                invoiced[line] = invoiced.get(line, 0.0) + qty
                if (
                    float_compare(
                        invoiced[line],
                        line.qty_invoiced,
                        precision_rounding=line.product_uom.rounding,
                    )
                    > 0
                ):
                    raise UserError(
                        self.env._(
                            "Cannot credit %(qty)s of %(product)s: only "
                            "%(invoiced)s invoiced.",
                            qty=qty,
                            product=line.product_id.display_name,
                            invoiced=line.qty_invoiced,
                        )
                    )
                lines.append(
                    {
                        # Linked to the order line: Odoo's qty_invoiced drops
                        # and the same units cannot be credited again.
                        "sale_line_ids": [Command.set([line.id])],
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "quantity": qty,
                        "product_uom_id": line.product_uom.id,
                        "price_unit": line.price_unit * (1 - line.discount / 100.0),
                        "tax_ids": [Command.set(line.tax_id.ids)],
                        "analytic_distribution": line.analytic_distribution,
                    }
                )
            return lines
        if amount is None or float_is_zero(
            amount, precision_rounding=self.currency_id.rounding
        ):
            raise UserError(self.env._("Give an amount or lines to credit."))
        if amount < 0:
            raise UserError(self.env._("A credit note amount must be positive."))
        first = self.order_line.filtered(lambda line: not line.display_type)[:1]
        return [
            {
                "name": self.env._("Price adjustment on %s", self.name),
                "quantity": 1.0,
                "price_unit": amount,
                "account_id": self._oms_get_credit_account().id,
                "tax_ids": [Command.set(first.tax_id.ids)],
            }
        ]

    def _oms_get_credit_account(self):
        """Income account credited by amount-only credit notes."""
        product = self.order_line.filtered(lambda line: line.product_id)[:1].product_id
        fpos = self.fiscal_position_id
        accounts = product.product_tmpl_id.get_product_accounts(fiscal_pos=fpos)
        account = accounts.get("income")
        if not account:
            journal = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(self.company_id),
                    ("type", "=", "sale"),
                ],
                limit=1,
            )
            account = journal.default_account_id
        return account

    def _oms_prepare_credit_note_vals(self, reason, kind, line_vals):
        vals = self.with_company(self.company_id)._prepare_invoice()
        vals.update(
            {
                "move_type": "out_refund",
                "oms_order_id": self.id,
                "oms_credit_reason_id": reason.id,
                "oms_credit_kind": kind,
                "reversed_entry_id": self._oms_get_credited_invoice(line_vals).id,
                "ref": self.env._(
                    "%(reason)s (%(order)s)", reason=reason.name, order=self.name
                ),
                "invoice_line_ids": [Command.create(v) for v in line_vals],
            }
        )
        return vals

    # REPLACEMENTS

    def _oms_create_replacement_order(self, line_qtys, reason):
        """A draft order shipping ``line_qtys`` again, free of charge.

        :returns: the new ``sale.order`` (``oms_origin_order_id`` = self)
        """
        self.ensure_one()
        self._oms_check_finance_order()
        self._oms_check_reason(reason, "return")
        pairs = self._oms_normalize_line_qtys(line_qtys)
        return self.create(self._oms_prepare_replacement_order_vals(pairs, reason))

    def _oms_prepare_replacement_order_vals(self, pairs, reason):
        return {
            "partner_id": self.partner_id.id,
            "partner_invoice_id": self.partner_invoice_id.id,
            "partner_shipping_id": self.partner_shipping_id.id,
            "company_id": self.company_id.id,
            "pricelist_id": self.pricelist_id.id,
            "incoterm": self.incoterm.id,
            "oms_origin_order_id": self.id,
            "origin": self.name,
            "client_order_ref": self.client_order_ref,
            "note": self.env._(
                "Replacement for %(order)s: %(reason)s",
                order=self.name,
                reason=reason.name,
            ),
            "order_line": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name,
                        "product_uom_qty": qty,
                        "product_uom": line.product_uom.id,
                        "price_unit": 0.0,
                        "tax_id": [Command.set(line.tax_id.ids)],
                    }
                )
                for line, qty in pairs
            ],
        }

    # ACTIONS

    def action_oms_create_invoice(self):
        """Manual invoicing: Odoo's invoice of what is to invoice, with the
        shipment references of the orders."""
        self._oms_check_finance_order()
        invoices = self._create_invoices(final=True)
        invoices._oms_set_shipment_ref()
        return self.action_view_invoice(invoices)

    def action_oms_pro_forma(self):
        return self.env.ref("sale.action_report_pro_forma_invoice").report_action(self)

    def action_oms_create_return(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_return_request_action"
        )
        action.update(
            {
                "view_mode": "form",
                "views": [(False, "form")],
                "context": {"default_order_id": self.id},
            }
        )
        return action

    def action_oms_credit_note(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_credit_note_wizard_action"
        )
        action["context"] = {"default_order_id": self.id}
        return action

    def action_oms_view_returns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_finance.oms_return_request_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        return action
