# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class OmsFallout(models.Model):
    """An automated step that failed for an order, kept for a person to fix
    and retry (procurement, notifications, ...). Other addons add their steps
    (``selection_add`` on ``step``) with a ``_retry_<step>`` method each."""

    _name = "oms.fallout"
    _description = "OMS Fallout"
    _inherit = ["mail.thread", "oms.state.guard.mixin"]
    _order = "state, last_failed_on desc, id desc"
    _check_company_auto = True
    # What failed and whether it was fixed is recorded by the system
    # (``_report``) and the retry/resolve actions, never typed in.
    _oms_guarded_fields = (
        "state",
        "error",
        "attempts",
        "last_failed_on",
        "resolved_on",
    )

    # Most steps fail for an order. A step that fails before any order
    # exists (a received purchase order nobody can read) has none: the
    # addon reporting it links its own record and sets the company.
    order_id = fields.Many2one(
        "sale.order", ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        required=True,
    )
    partner_id = fields.Many2one(related="order_id.partner_id", store=True)
    step = fields.Selection(
        [
            ("procurement", "Procurement"),
            ("notification", "Notification"),
        ],
        required=True,
        index=True,
    )
    error = fields.Text(readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    attempts = fields.Integer(default=1, readonly=True)
    last_failed_on = fields.Datetime(default=fields.Datetime.now, readonly=True)
    resolved_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        # One open fallout per order and step: retries update it.
        (
            "order_step_open_uniq",
            "EXCLUDE USING btree (order_id WITH =, step WITH =) WHERE (state = 'open')",
            "An order already has an open fallout for this step.",
        ),
    ]

    @api.depends("order_id.company_id")
    def _compute_company_id(self):
        for fallout in self.filtered("order_id"):
            fallout.company_id = fallout.order_id.company_id

    @api.depends("order_id", "step")
    def _compute_display_name(self):
        steps = dict(self._fields["step"]._description_selection(self.env))
        for fallout in self:
            fallout.display_name = (
                f"{fallout._get_subject_name()} / {steps.get(fallout.step)}"
            )

    def _get_subject_name(self):
        """What failed: the order, or the record of an addon's own step."""
        self.ensure_one()
        return self.order_id.name or ""

    @api.model
    def _report(self, orders, step, error):
        """Record (or count again) the failure of ``step`` for ``orders``."""
        message = str(error) or error.__class__.__name__
        # Whoever ran the failing step gets it queued: OMS users may not
        # create fallouts by hand, but their confirmations may record them.
        fallouts = self.sudo()
        existing = fallouts.search(
            [
                ("order_id", "in", orders.ids),
                ("step", "=", step),
                ("state", "=", "open"),
            ]
        )
        now = fields.Datetime.now()
        for fallout in existing:
            fallout._oms_transition_write(
                {
                    "error": message,
                    "attempts": fallout.attempts + 1,
                    "last_failed_on": now,
                }
            )
        new_orders = orders - existing.order_id
        created = fallouts.create(
            [
                {"order_id": order.id, "step": step, "error": message}
                for order in new_orders
            ]
        )
        for order in orders:
            order.message_post(
                body=Markup("%s<br/>%s")
                % (
                    self.env._("Automated step failed and was queued for retry."),
                    message,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return (existing | created).sudo(False)

    def _resolve(self):
        fallouts = self._oms_lock().filtered(lambda f: f.state == "open")
        fallouts._oms_transition_write(
            {"state": "resolved", "resolved_on": fields.Datetime.now()}
        )

    def _retry_procurement(self):
        """:returns: whether the procurement now went through"""
        return not self.order_id._oms_launch_procurement()

    def _retry_notification(self):
        """:returns: whether the order's pending stage emails are now sent"""
        # Stage entries are system records only the notification cron
        # writes: the retry runs the cron's step for this order, as it would.
        return (
            self.env["oms.stage.history"].sudo()._oms_retry_notifications(self.order_id)
        )

    def action_retry(self):
        """Run the failed step again; resolve the fallouts that now succeed.

        A step that fails again updates its fallout (error, attempts).
        """
        # Transitions write past the access rights: check them here.
        self.check_access("write")
        for fallout in self.filtered(lambda f: f.state == "open"):
            retry = getattr(fallout, f"_retry_{fallout.step}", None)
            # Steps without an automatic retry are resolved by hand.
            if retry is None or retry():
                fallout._resolve()
        return True

    def action_resolve(self):
        self.check_access("write")
        self._resolve()
        return True
