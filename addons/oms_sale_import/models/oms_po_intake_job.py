# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class OmsPoIntake(models.Model):
    """A large purchase order file imported from the import screen is
    received as an intake and imported in the background (see
    ``sale.order.import._oms_import_in_background``): the order, or the
    failure and its fallout, are kept here as for email and portal files."""

    _inherit = "oms.po.intake"

    channel = fields.Selection(
        selection_add=[("file", "Import Screen")], ondelete={"file": "cascade"}
    )

    def _oms_post_on_order(self, order, msg_dict):
        if self.channel != "file":
            return super()._oms_post_on_order(order, msg_dict)
        order.message_post(
            body=self.env._("Purchase order imported in the background: %s", self.name),
            attachment_ids=self.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids,
            subtype_xmlid="mail.mt_note",
        )

    def _oms_task_import(self):
        """Chunk of a background import: import the file once (an intake
        already imported or failed is not imported again; Retry on the
        intake does that). Returns what came of it."""
        self.ensure_one()
        if self.state == "received":
            self._oms_import()
        if self.state == "failed":
            return self.env._(
                "%(file)s was not imported: %(reason)s (see the fallout queue).",
                file=self.name,
                reason=self.error,
            )
        return self.env._(
            "%(file)s imported: %(order)s%(review)s.",
            file=self.name,
            order=self.order_id.name,
            review=self.env._(", a change to review") if self.state == "review" else "",
        )
