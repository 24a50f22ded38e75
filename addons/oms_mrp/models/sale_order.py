# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import float_compare

# Stage of an order whose design waits for the engineering approval; told to
# the customer like the core stages.
ENGINEERING_STAGE = [("validation",), ("engineering", "Engineering")]


def _back_to_validation(fname):
    """Uninstall: an order in engineering is in validation for the core."""
    return lambda records: records.write({fname: "validation"})


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oms_stage = fields.Selection(
        selection_add=ENGINEERING_STAGE,
        ondelete={"engineering": _back_to_validation("oms_stage")},
    )
    oms_stage_recorded = fields.Selection(
        selection_add=ENGINEERING_STAGE,
        ondelete={"engineering": _back_to_validation("oms_stage_recorded")},
    )

    def _action_confirm(self):
        # Before procurement is launched: an engineer-to-order line keeps the
        # order from the plant until its design is approved.
        self._oms_raise_engineering_holds()
        return super()._action_confirm()

    def _action_cancel(self):
        # Read the supply before the cancellation cuts the deliveries off it.
        productions = self.order_line.oms_production_ids
        result = super()._action_cancel()
        if productions:
            productions._oms_release_for_cancel(
                self,
                self.env._("Order %s was cancelled", ", ".join(self.mapped("name"))),
            )
        return result

    def _oms_get_stage(self):
        # Waiting for nothing but the approval of its design, the order is in
        # engineering, a stage of its own the customer is told of. Other
        # approvals pending first keep it in validation.
        stage = super()._oms_get_stage()
        if stage == "validation" and self._oms_awaits_engineering():
            return "engineering"
        return stage

    @api.model
    def _read_group_expand_oms_stage(self, values, domain):
        stages = super()._read_group_expand_oms_stage(values, domain)
        if "engineering" not in stages:
            index = stages.index("validation") + 1 if "validation" in stages else 0
            stages = stages[:index] + ["engineering"] + stages[index:]
        return stages

    def _oms_after_change(self, changes):
        """A reduced line reduces its manufacturing orders not started yet;
        a started one is left to a person (fallout)."""
        result = super()._oms_after_change(changes)
        reduced = self.env["sale.order.line"].union(
            *(line for line, (old, new) in changes.items() if new < old)
        )
        if reduced:
            self._oms_fit_productions(reduced)
        return result

    @api.model
    def _oms_sync_engineering_stage(self):
        """Installation or upgrade: orders already waiting for their design
        approval enter the engineering stage (a stored stage is not
        recomputed for a stage added since), recorded in their history."""
        reason = self.env["oms.order.hold"]._oms_get_engineering_reason()
        orders = self.search(
            [
                ("oms_stage", "=", "validation"),
                ("oms_hold_ids.state", "=", "active"),
                ("oms_hold_ids.reason_id", "=", reason.id),
            ]
        )
        self.env.add_to_compute(self._fields["oms_stage"], orders)
        orders._oms_sync_stage()
        return orders

    # BUSINESS METHODS

    def _oms_awaits_engineering(self):
        """Whether every active hold of the order is an engineering approval."""
        self.ensure_one()
        reason = self.env["oms.order.hold"]._oms_get_engineering_reason()
        active = self.oms_hold_ids.filtered(lambda hold: hold.state == "active")
        return bool(active) and all(hold.reason_id == reason for hold in active)

    def _oms_raise_engineering_holds(self):
        """Put the orders with engineer-to-order lines on an approval hold
        that the strategy's engineering group releases; mark the lines as
        awaiting approval."""
        Hold = self.env["oms.order.hold"]
        reason = Hold._oms_get_engineering_reason()
        vals_list = []
        for order in self:
            lines = order.order_line.filtered(
                lambda line: line._oms_needs_engineering()
            )
            if not lines:
                continue
            # Approval fields are written by the approval transitions only.
            lines.sudo().write({"oms_eng_state": "pending"})
            group = lines.product_id.oms_strategy_id.oms_engineering_group_id[:1]
            vals_list.append(
                {
                    "order_id": order.id,
                    "hold_type": "approval",
                    "reason_id": reason.id,
                    "group_id": group.id,
                    "message": self.env._(
                        "Engineering approval: %s",
                        ", ".join(lines.product_id.mapped("display_name")),
                    ),
                }
            )
        return Hold._oms_raise(vals_list) if vals_list else Hold

    def _oms_fit_productions(self, lines):
        started = self.env["mrp.production"]
        for line in lines:
            productions = line.oms_production_ids.filtered(
                lambda mo: mo.state not in ("cancel", "done")
            )
            needed = line.product_uom._compute_quantity(
                line.product_uom_qty - line.qty_delivered, line.product_id.uom_id
            )
            for production in productions:
                rounding = production.product_uom_id.rounding
                ordered = production.product_uom_id._compute_quantity(
                    production.product_qty, line.product_id.uom_id
                )
                if float_compare(ordered, needed, precision_rounding=rounding) <= 0:
                    needed -= ordered
                    continue
                if production._oms_is_started():
                    started |= production
                elif float_compare(needed, 0.0, precision_rounding=rounding) <= 0:
                    # Sales users have no manufacturing rights: the order's
                    # own supply follows its change.
                    production.sudo().action_cancel()
                else:
                    self.env["change.production.qty"].sudo().create(
                        {
                            "mo_id": production.id,
                            "product_qty": line.product_id.uom_id._compute_quantity(
                                needed, production.product_uom_id
                            ),
                        }
                    ).change_prod_qty()
                needed = max(needed - ordered, 0.0)
        if started:
            self.env["oms.fallout"]._report(
                self,
                "production_supply",
                self.env._(
                    "Order %(order)s was reduced, but production already started "
                    "%(orders)s for the former quantity.",
                    order=", ".join(self.mapped("name")),
                    orders=", ".join(started.mapped("name")),
                ),
            )
        return started
