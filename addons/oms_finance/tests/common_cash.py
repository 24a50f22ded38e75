# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields

from odoo.addons.oms_core.tests.common import OmsCoreCommon


class OmsCashCommon(OmsCoreCommon):
    """Invoices, bank lines and payments of the test company, with a
    deduction account configured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.currency = cls.company.currency_id
        cls.bank_journal = cls.env["account.journal"].create(
            {"name": "OMS Test Bank", "code": "OTBK", "type": "bank"}
        )
        cls.revenue_account = cls.env["account.account"].create(
            {"name": "Export Sales", "code": "OT4000", "account_type": "income"}
        )
        cls.sale_journal = cls.env["account.journal"].create(
            {
                "name": "OMS Test Sales",
                "code": "OTSJ",
                "type": "sale",
                "default_account_id": cls.revenue_account.id,
            }
        )
        cls.deduction_account = cls.env["account.account"].create(
            {
                "name": "Customer Deductions",
                "code": "OT4990",
                "account_type": "income",
            }
        )
        cls.company.oms_deduction_account_id = cls.deduction_account
        cls.company.oms_cash_tolerance = 0.0
        cls.reason_short = cls.env.ref("oms_finance.oms_reason_deduction_short")
        cls.reason_damage = cls.env.ref("oms_finance.oms_reason_deduction_damage")
        cls.company.oms_deduction_reason_id = cls.reason_short
        cls.application = cls.env["oms.cash.application"]

    @classmethod
    def _create_invoice(cls, partner, amount, date=None, **vals):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "journal_id": cls.sale_journal.id,
                "invoice_date": date or cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Valves",
                            "quantity": 1.0,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def _create_statement_line(cls, amount, label, partner=None, date=None):
        return cls.env["account.bank.statement.line"].create(
            {
                "journal_id": cls.bank_journal.id,
                "date": date or cls.today,
                "payment_ref": label,
                "amount": amount,
                "partner_id": partner.id if partner else False,
            }
        )

    @classmethod
    def _create_payment(cls, partner, amount, memo, date=None):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "memo": memo,
                "journal_id": cls.bank_journal.id,
                "date": date or cls.today,
            }
        )
        payment.action_post()
        return payment

    def _run(self, lines=None, payments=None):
        return self.application._run(
            lines or self.env["account.bank.statement.line"],
            payments or self.env["account.payment"],
        )
