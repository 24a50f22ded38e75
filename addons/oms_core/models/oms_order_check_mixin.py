# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsOrderCheckMixin(models.AbstractModel):
    """The built-in checks of OMS rules on sales orders.

    Each ``_oms_check_<name>(rule)`` is whitelisted in
    ``oms.rule.check_method`` and returns the orders of ``self`` that fail
    it, reading what it needs for the whole recordset at once. Parameters
    come from the rule's typed fields (thresholds, countries).
    """

    _name = "oms.order.check.mixin"
    _description = "OMS Order Checks"

    def _oms_missing_data(self):
        """Human-readable list of the mandatory data an order lacks."""
        self.ensure_one()
        missing = []
        for label, partner in (
            (self.env._("invoice address"), self.partner_invoice_id),
            (self.env._("delivery address"), self.partner_shipping_id),
        ):
            if not (partner.street and partner.city and partner.country_id):
                missing.append(label)
        if self.oms_is_export:
            if not self.partner_id.commercial_partner_id.vat:
                missing.append(self.env._("customer VAT / tax id"))
            if not self.incoterm:
                missing.append(self.env._("incoterm"))
            products = self.order_line.product_id.filtered(
                lambda p: p.type == "consu" and not p.hs_code
            )
            missing += [self.env._("HS code of %s", p.display_name) for p in products]
        return missing

    def _oms_check_missing_data(self, rule):
        return self.filtered(lambda o: o._oms_missing_data())

    def _oms_check_credit_limit(self, rule):
        # partner.credit (open receivables) and credit_to_invoice (confirmed
        # orders' invoiceable amounts) are Odoo's own figures; like Odoo's own
        # credit warning, they only count when the company uses credit limits.
        # Both are non-stored computes without dependencies: the cache may
        # hold values from before this order; read them fresh.
        self.partner_id.commercial_partner_id.invalidate_recordset(
            ["credit", "credit_to_invoice"]
        )

        def over_limit(order):
            if not order.company_id.account_use_credit_limit:
                return False
            commercial = order.partner_id.commercial_partner_id
            partner = commercial.with_company(order.company_id)
            # credit_limit is company dependent, defaulting to the company's.
            limit = partner.credit_limit
            # credit_to_invoice holds only what is invoiceable yet (nothing of
            # a delivery-invoiced order before delivery): add the rest of this
            # order, which is not counted there.
            counted = (
                order.amount_to_invoice
                if order.state == "sale" and order.partner_id == partner
                else 0.0
            )
            uncounted = order.currency_id._convert(
                order.amount_total - order.amount_invoiced - counted,
                order.company_id.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            exposure = partner.credit + partner.credit_to_invoice + uncounted
            return limit > 0 and exposure > limit

        return self.filtered(over_limit)

    def _oms_check_first_order_amount(self, rule):
        partners = self.partner_id.commercial_partner_id
        previous = self.env["sale.order"]._read_group(
            [
                ("partner_id", "child_of", partners.ids),
                ("state", "=", "sale"),
                ("id", "not in", self.ids),
            ],
            ["partner_id"],
        )
        known = {partner.commercial_partner_id for (partner,) in previous}

        def first_and_large(order):
            amount = order.currency_id._convert(
                order.amount_total,
                order.company_id.currency_id,
                order.company_id,
                order.date_order or fields.Date.context_today(order),
            )
            return (
                order.partner_id.commercial_partner_id not in known
                and amount > rule.amount_threshold
            )

        return self.filtered(first_and_large)

    def _oms_check_ship_bill_country(self, rule):
        return self.filtered(
            lambda o: (
                o.partner_shipping_id.country_id != o.partner_invoice_id.country_id
            )
        )

    def _oms_check_high_risk_country(self, rule):
        return self.filtered(
            lambda o: (
                (o.partner_shipping_id.country_id | o.partner_invoice_id.country_id)
                & rule.country_ids
            )
        )

    def _oms_check_quantity_history(self, rule):
        lines = self.order_line.filtered(lambda line: line.product_id)
        history = self.env["sale.order.line"]._read_group(
            [
                ("order_partner_id", "in", self.partner_id.ids),
                ("product_id", "in", lines.product_id.ids),
                ("state", "=", "sale"),
                ("order_id", "not in", self.ids),
            ],
            ["order_partner_id", "product_id"],
            ["product_uom_qty:avg"],
        )
        average = {(partner, product): avg for partner, product, avg in history}
        suspicious = lines.filtered(
            lambda line: (
                average.get((line.order_partner_id, line.product_id))
                and line.product_uom_qty
                > rule.ratio_threshold
                * average[(line.order_partner_id, line.product_id)]
            )
        )
        return suspicious.order_id & self

    def _oms_check_payment_authorized(self, rule):
        # amount_paid depends on transaction_ids, not on their state: read it
        # fresh, as a transaction may just have been authorized.
        self.invalidate_recordset(["amount_paid"])
        return self.filtered(
            lambda o: (
                o.payment_term_id.oms_requires_prepayment
                and o.currency_id.compare_amounts(o.amount_paid, o.amount_total) < 0
            )
        )

    def _oms_check_price_floor(self, rule):
        def below_floor(line):
            floor = line.product_id.oms_floor_price
            if floor:
                floor = line.company_id.currency_id._convert(
                    floor,
                    line.currency_id,
                    line.company_id,
                    fields.Date.context_today(line),
                )
            return (floor and line.price_reduce_taxexcl < floor) or (
                rule.max_discount and line.discount > rule.max_discount
            )

        return self.order_line.filtered(below_floor).order_id & self
