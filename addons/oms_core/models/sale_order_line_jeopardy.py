# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError


class SaleOrderLine(models.Model):
    """When the jeopardy scan looks at a line again.

    The scan (``oms.jeopardy.scan``) only re-examines the lines due: those
    whose next check is empty (something the scan reads changed) or past.
    A scanned line is next due the next day, when its delay and stage age
    move on; a run with nothing changed since the last one reads no line.
    """

    _inherit = "sale.order.line"

    oms_jeopardy_next_check = fields.Date(
        string="Next Jeopardy Check",
        compute="_compute_oms_jeopardy_next_check",
        store=True,
        readonly=True,
        copy=False,
        index=True,
        help="When the jeopardy scan looks at the line again; empty: at the "
        "next scan (something it reads changed).",
    )

    # COMPUTE METHODS

    # What the scan reads of the line, its order and its deliveries. Supply
    # dates (purchase, manufacturing) re-project the lines at once
    # (``_oms_supply_moved``); free stock and the fields other records lend
    # to rule domains are looked at again the next day.
    @api.depends(
        "state",
        "product_id",
        "product_uom_qty",
        "product_uom",
        "qty_delivered",
        "customer_lead",
        "oms_promised_date",
        "order_id.commitment_date",
        "order_id.date_order",
        "order_id.oms_stage_entered_on",
        "order_id.delivery_status",
        "move_ids.state",
        "move_ids.date",
        "move_ids.quantity",
    )
    def _compute_oms_jeopardy_next_check(self):
        # Something the scan reads changed: due at the next scan, which then
        # sets the next day (``_oms_jeopardy_set_checked``).
        self.oms_jeopardy_next_check = False

    # CRUD METHODS

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            "oms_jeopardy_next_check" in vals for vals in vals_list
        ):
            raise AccessError(self._oms_jeopardy_next_check_error())
        return super().create(vals_list)

    def write(self, vals):
        # The next check is the scan's bookkeeping: postponing it would hide
        # a line in jeopardy. Only the scan (as superuser) sets it.
        if "oms_jeopardy_next_check" in vals and not self.env.su:
            raise AccessError(self._oms_jeopardy_next_check_error())
        return super().write(vals)

    def _oms_jeopardy_next_check_error(self):
        return self.env._("Only the jeopardy scan sets when a line is next checked.")

    # BUSINESS METHODS

    @api.model
    def _oms_jeopardy_due_domain(self, today):
        """Lines due at the scan of ``today``: never checked, changed since
        their last check, or whose check date came."""
        return [
            "|",
            ("oms_jeopardy_next_check", "=", False),
            ("oms_jeopardy_next_check", "<=", today),
        ]

    def _oms_jeopardy_claim(self):
        """The lines of ``self`` no other transaction holds, locked until the
        end of the transaction (a concurrent scan skips them), by whole
        orders: an order is scanned whole or not at all (its level and
        escalation are per order); the lines skipped stay due."""
        if not self:
            return self
        self.flush_recordset()
        self.env.cr.execute(
            "SELECT id FROM sale_order_line WHERE id IN %s "
            "FOR NO KEY UPDATE SKIP LOCKED",
            [tuple(self.ids)],
        )
        claimed = self.browse(row[0] for row in self.env.cr.fetchall())
        partial = (self - claimed).order_id
        if not partial:
            return claimed.sorted("id")
        return claimed.filtered(lambda line: line.order_id not in partial).sorted("id")

    def _oms_jeopardy_set_checked(self, today):
        """The scan of ``today`` is done with the lines of ``self``: next
        check tomorrow (delays and stage ages move on daily), unless
        something changes before."""
        # After the batch's own changes, whose recompute empties the date.
        self.env.flush_all()
        self.sudo().write({"oms_jeopardy_next_check": today + timedelta(days=1)})
        self.flush_recordset(["oms_jeopardy_next_check"])
