# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from base64 import b64decode

from odoo import models

from ..tools.spreadsheet import MAX_FILE_BYTES, MAX_ROWS

# Above these sizes a spreadsheet is imported in the background
# (system parameters of the same names override them).
MAX_BYTES_PARAM = "oms_sale_import.background_import_bytes"
MAX_LINES_PARAM = "oms_sale_import.background_import_lines"
DEFAULT_MAX_BYTES = 200_000
DEFAULT_MAX_LINES = 200


class SaleOrderImport(models.TransientModel):
    """A large customer spreadsheet (thousands of lines) is imported in the
    background: the file is received as an intake (``oms.po.intake``,
    channel "Import Screen") and a background task imports it, so the user
    keeps working and is notified with the order, or the reason it failed
    (the intake and its fallout). Small files and EDI documents stay
    immediate, with OCA's screens."""

    _inherit = "sale.order.import"

    # PUBLIC ACTIONS

    def import_order_button(self):
        self.ensure_one()
        if self._oms_is_large_file():
            return self._oms_import_in_background()
        return super().import_order_button()

    # BUSINESS METHODS

    def _oms_is_large_file(self):
        """A spreadsheet above the size or line thresholds."""
        self.ensure_one()
        if self.import_type not in ("xlsx", "csv") or not self.order_file:
            return False
        params = self.env["ir.config_parameter"].sudo()
        max_bytes = int(params.get_param(MAX_BYTES_PARAM, DEFAULT_MAX_BYTES))
        max_lines = int(params.get_param(MAX_LINES_PARAM, DEFAULT_MAX_LINES))
        content = b64decode(self.order_file)
        # An XLSX is compressed: its size says little, its lines are read
        # by the parser only; a CSV's lines are counted here.
        lines = content.count(b"\n") if self.import_type == "csv" else 0
        if lines > MAX_ROWS or len(content) > MAX_FILE_BYTES:
            # The parser refuses it: better at once than in the background.
            return False
        return len(content) > max_bytes or lines > max_lines

    def _oms_import_in_background(self):
        self.ensure_one()
        # The importer checks the user may create orders; the intake is the
        # system's record of a received file (users do not create them):
        # sudo only creates it, the import runs with the user's rights.
        self.env["sale.order"].check_access("create")
        intake = (
            self.env["oms.po.intake"]
            .sudo()
            .create(
                {
                    "name": self.order_filename,
                    "channel": "file",
                    "partner_id": self.partner_id.id,
                    "email_from": self.env.user.email,
                }
            )
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.order_filename,
                    "datas": self.order_file,
                    "res_model": intake._name,
                    "res_id": intake.id,
                }
            )
        )
        intake._oms_transition_write({"attachment_id": attachment.id})
        intake = intake.with_env(self.env)
        task = self.env["oms.background.task"]._oms_start(
            intake,
            self.env._("Import %s", self.order_filename),
            intake._name,
            "_oms_task_import",
            [(self.order_filename, intake.ids)],
        )
        return task._oms_get_started_notification(
            message=self.env._(
                "%s is large: it is imported in the background. You can keep "
                "working: you will be notified with the order (see Order "
                "Management > Orders > Background Work).",
                self.order_filename,
            ),
            next_action={"type": "ir.actions.act_window_close"},
        )
