# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class OmsFallout(models.Model):
    _inherit = "oms.fallout"

    # A purchase order received by email or on the portal that could not
    # become an order (unknown sender, unreadable file, faulty lines,
    # duplicate): there is no order yet, the received PO keeps the email
    # and the file.
    step = fields.Selection(
        selection_add=[("po_intake", "Received Purchase Order")],
        ondelete={"po_intake": "cascade"},
    )
    intake_id = fields.Many2one(
        "oms.po.intake",
        string="Received PO",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        check_company=True,
    )

    @api.depends("intake_id")
    def _compute_display_name(self):
        return super()._compute_display_name()

    def _get_subject_name(self):
        return super()._get_subject_name() or self.intake_id.name or ""

    @api.model
    def _report_intake(self, intakes):
        """Open (or count again) the fallout of each failed received PO."""
        # Failures are recorded by the system whoever received the file
        # (the mail gateway, a portal user): fallouts are not theirs to
        # create by hand.
        fallouts = self.sudo()
        existing = fallouts.search(
            [
                ("intake_id", "in", intakes.ids),
                ("step", "=", "po_intake"),
                ("state", "=", "open"),
            ]
        )
        now = fields.Datetime.now()
        for fallout in existing:
            fallout._oms_transition_write(
                {
                    "error": fallout.intake_id.error,
                    "attempts": fallout.attempts + 1,
                    "last_failed_on": now,
                }
            )
        fallouts.create(
            [
                {
                    "step": "po_intake",
                    "intake_id": intake.id,
                    "company_id": intake.company_id.id,
                    "error": intake.error,
                }
                for intake in intakes - existing.intake_id
            ]
        )

    def _retry_po_intake(self):
        """:returns: whether the received PO now became an order"""
        self.intake_id.action_retry()
        return self.intake_id.state in ("done", "review")
