# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    oms_order_id = fields.Many2one(
        "sale.order",
        string="OMS Order",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="Order an OMS credit note or return refund belongs to.",
    )
    oms_invoice_policy_id = fields.Many2one(
        "oms.invoice.policy", string="Invoice Policy", copy=False, readonly=True
    )
    # Credit notes' own fields, read on credit notes only: fetched together
    # then, not with every read of an invoice or entry.
    oms_credit_reason_id = fields.Many2one(
        "oms.reason",
        string="Credit Reason",
        copy=False,
        readonly=True,
        prefetch="oms_credit",
    )
    oms_credit_kind = fields.Selection(
        [
            ("return", "Return"),
            ("price_adjustment", "Price adjustment"),
            ("deduction", "Deduction"),
        ],
        string="Credit Kind",
        copy=False,
        readonly=True,
        prefetch="oms_credit",
    )
    oms_return_request_id = fields.Many2one(
        "oms.return.request",
        string="Return",
        copy=False,
        readonly=True,
        index="btree_not_null",
        prefetch="oms_credit",
    )
    oms_shipment_ref = fields.Char(
        string="Shipment References",
        copy=False,
        # Printed on the invoice, not read by posting or payment.
        prefetch="oms_shipment_ref",
        help="Deliveries (and carrier tracking references) invoiced.",
    )
    oms_presentation_ids = fields.One2many(
        "oms.bill.presentation", "move_id", string="Presentations"
    )

    @api.constrains("oms_credit_reason_id")
    def _check_oms_credit_reason_id_type(self):
        # A field domain only filters the UI, not what a client writes.
        self.env["oms.reason"]._oms_check_reason_type(
            self, "oms_credit_reason_id", "credit"
        )

    def _oms_set_shipment_ref(self):
        """Write the delivery names and tracking references of the invoiced
        orders on each invoice."""
        for move in self:
            orders = move.invoice_line_ids.sale_line_ids.order_id
            pickings = orders.picking_ids.filtered(
                lambda p: p.state == "done" and p.picking_type_code == "outgoing"
            )
            refs = [
                f"{p.name} ({p.carrier_tracking_ref})"
                if p.carrier_tracking_ref
                else p.name
                for p in pickings.sorted("id")
            ]
            move.oms_shipment_ref = ", ".join(refs) or False

    def _oms_get_presentation_template(self):
        """Template for one invoice: the policy's, else Odoo's default."""
        self.ensure_one()
        return self.oms_invoice_policy_id.mail_template_id or self.env.ref(
            "account.email_template_edi_invoice", raise_if_not_found=False
        )

    def _oms_present(self, channel="email"):
        """Present posted invoices and log each presentation: ``email`` sends
        them with their PDF through Odoo's ``account.move.send``; ``portal``
        and ``print`` only log what was done outside this method."""
        moves = self.filtered(lambda m: m.state == "posted" and m.is_sale_document())
        by_template = {}
        for move in moves:
            template = move._oms_get_presentation_template()
            by_template[template] = by_template.get(template, self.browse()) | move
        for template, template_moves in by_template.items():
            if channel == "email":
                settings = {"sending_methods": {"email"}}
                if template:
                    settings["mail_template"] = template
                self.env["account.move.send"]._generate_and_send_invoices(
                    template_moves, allow_fallback_pdf=True, **settings
                )
            self.env["oms.bill.presentation"]._oms_log(
                template_moves, channel, template if channel == "email" else None
            )
        return True

    def action_oms_present(self):
        return self._oms_present()
