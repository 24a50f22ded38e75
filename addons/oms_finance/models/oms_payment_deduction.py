# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.oms_core.tools.transition import check_derived_write


class OmsPaymentDeduction(models.Model):
    """What a customer kept back from an invoice (short payment, chargeback),
    with a reason code. Accepted or written-off deductions are closed by a
    credit note on the company's deduction account, reconciled with the
    invoice; disputed ones stay open on the invoice until recovered."""

    _name = "oms.payment.deduction"
    _description = "OMS Payment Deduction"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    invoice_id = fields.Many2one(
        "account.move",
        required=True,
        index=True,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
    )
    partner_id = fields.Many2one(
        "res.partner", compute="_compute_from_invoice", store=True, readonly=False
    )
    order_id = fields.Many2one(
        "sale.order",
        compute="_compute_from_invoice",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="invoice_id.currency_id")
    date = fields.Date(default=fields.Date.context_today, required=True)
    amount = fields.Monetary(
        required=True, tracking=True, help="In the currency of the invoice."
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount_company = fields.Monetary(
        "Amount (Company Currency)",
        currency_field="company_currency_id",
        compute="_compute_amount_company",
        store=True,
        help="At the rate of the deduction's date.",
    )
    reason_id = fields.Many2one(
        "oms.reason",
        domain="[('reason_type', '=', 'deduction')]",
        tracking=True,
        check_company=True,
    )
    state = fields.Selection(
        [
            ("open", "Open"),
            ("accepted", "Accepted"),
            ("disputed", "Disputed"),
            ("written_off", "Written Off"),
            ("recovered", "Recovered"),
        ],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    cash_application_id = fields.Many2one("oms.cash.application", readonly=True)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A deduction amount is positive."),
    ]

    @api.constrains("reason_id")
    def _check_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(self, "reason_id", "deduction")

    @api.depends("invoice_id")
    def _compute_from_invoice(self):
        for deduction in self:
            invoice = deduction.invoice_id
            deduction.partner_id = invoice.commercial_partner_id
            deduction.order_id = invoice.line_ids.sale_line_ids.order_id[:1]

    @api.depends("amount", "currency_id", "date", "company_id")
    def _compute_amount_company(self):
        for deduction in self:
            currency = deduction.currency_id or deduction.company_currency_id
            deduction.amount_company = currency._convert(
                deduction.amount,
                deduction.company_currency_id,
                deduction.company_id,
                deduction.date or fields.Date.context_today(deduction),
            )

    @api.depends("invoice_id", "reason_id")
    def _compute_display_name(self):
        for deduction in self:
            deduction.display_name = " / ".join(
                filter(None, [deduction.invoice_id.name, deduction.reason_id.name])
            )

    # CRUD METHODS

    def write(self, vals):
        # The amount in company currency is what the write-off posts.
        check_derived_write(self, vals)
        return super().write(vals)

    # PUBLIC ACTIONS

    def action_accept(self):
        """The deduction is justified: credit it to the customer."""
        self._check_state(("open", "disputed"))
        self._write_off("accepted")
        return True

    def action_dispute(self):
        self._check_state(("open",))
        self.write({"state": "disputed"})
        return True

    def action_write_off(self):
        """Not recoverable: written off like an accepted deduction, reported
        apart."""
        self._check_state(("open", "disputed"))
        self._write_off("written_off")
        return True

    def action_recover(self):
        """The customer paid the amount after all."""
        self._check_state(("open", "disputed"))
        unpaid = self.filtered(
            lambda d: (
                d.invoice_id.currency_id.compare_amounts(
                    d.invoice_id.amount_residual, 0.0
                )
                > 0
            )
        )
        if unpaid:
            raise UserError(
                self.env._(
                    "Invoices %s are still open: register the customer's "
                    "payment before marking the deduction recovered.",
                    ", ".join(unpaid.invoice_id.mapped("name")),
                )
            )
        self.write({"state": "recovered"})
        return True

    # BUSINESS METHODS

    def _check_state(self, states):
        wrong = self.filtered(lambda d: d.state not in states)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Deduction %(name)s is %(state)s: this action is not possible.",
                    name=wrong[0].display_name,
                    state=labels[wrong[0].state],
                )
            )

    @api.model
    def _create_from_invoices(self, allocation, application):
        """A deduction per short-paid invoice of ``allocation`` ([(invoice,
        amount)]); amounts within the company tolerance are accepted at
        once."""
        company = application.company_id
        reason = company.oms_deduction_reason_id or self.env["oms.reason"].search(
            [
                ("reason_type", "=", "deduction"),
                ("company_id", "in", (company.id, False)),
            ],
            limit=1,
        )
        deductions = self.create(
            [
                {
                    "invoice_id": invoice.id,
                    "company_id": company.id,
                    "amount": amount,
                    "reason_id": reason.id,
                    "date": application.date,
                    "cash_application_id": application.id,
                }
                for invoice, amount in allocation
            ]
        )
        tolerance = company.oms_cash_tolerance
        small = deductions.filtered(
            lambda d: (
                tolerance
                and company.currency_id.compare_amounts(
                    d.currency_id._convert(
                        d.amount, company.currency_id, company, d.date
                    ),
                    tolerance,
                )
                <= 0
            )
        )
        if small:
            small._write_off("accepted")
        return deductions

    def _prepare_credit_note_vals(self):
        self.ensure_one()
        account = self.company_id.oms_deduction_account_id
        if not account:
            raise UserError(
                self.env._(
                    "Set a deduction write-off account in the Accounting "
                    "settings of %s first.",
                    self.company_id.name,
                )
            )
        invoice = self.invoice_id
        label = self.env._(
            "Deduction %(reason)s on %(invoice)s",
            reason=self.reason_id.name or "",
            invoice=invoice.name,
        )
        return {
            "move_type": "out_refund",
            "partner_id": invoice.partner_id.id,
            "journal_id": invoice.journal_id.id,
            "currency_id": invoice.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "reversed_entry_id": invoice.id,
            # The order's creditable balance counts this credit note too.
            "oms_order_id": self.order_id.id,
            "oms_credit_kind": "deduction",
            "ref": label,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "quantity": 1.0,
                        "price_unit": self.amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def _write_off(self, state):
        """Credit note through Odoo's invoicing, posted and reconciled with
        the invoice (no hand-made journal entry)."""
        for deduction in self:
            invoice = deduction.invoice_id
            if (
                invoice.currency_id.compare_amounts(
                    deduction.amount, invoice.amount_residual
                )
                > 0
            ):
                raise UserError(
                    self.env._(
                        "Invoice %(invoice)s only owes %(residual)s: the "
                        "deduction of %(amount)s cannot be written off.",
                        invoice=invoice.name,
                        residual=invoice.amount_residual,
                        amount=deduction.amount,
                    )
                )
            credit_note = (
                self.env["account.move"]
                .with_company(deduction.company_id)
                .create(deduction._prepare_credit_note_vals())
            )
            credit_note.action_post()
            # Posting a credit note of the invoice may reconcile it already.
            receivable = credit_note.line_ids.filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable"
                    and not line.reconciled
                )
            )
            if receivable:
                invoice.js_assign_outstanding_line(receivable.ids[0])
            deduction.write({"state": state, "credit_note_id": credit_note.id})
