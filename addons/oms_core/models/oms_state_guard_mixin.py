# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools.transition import check_derived_write, value_differs


class OmsStateGuardMixin(models.AbstractModel):
    """States and gate-protected fields that change only through transitions.

    A model lists its guarded fields in ``_oms_guarded_fields``. A plain
    ``create`` or ``write`` (the web client, JSON-RPC, an import) may not set
    them to anything but their default or current value; only the model's
    transition methods change them, through ``_oms_transition_write``, after
    checking rights, the gate and the current state under a row lock
    (``_oms_lock``), so that two users pressing the same button at once
    cannot both pass. The superuser (module data, crons running as root)
    is not restricted.

    It also refuses to move a record to a company the user may not access
    (record rules judge the record as it is, not the company it moves to).
    """

    _name = "oms.state.guard.mixin"
    _description = "OMS State Guard"

    # Field names changed only by the model's transition methods.
    _oms_guarded_fields = ()
    # The stored computes a plain write may not change either (see
    # ``check_derived_write``): all of the model's, or those whose name
    # starts with this on a model of another module.
    _oms_derived_prefix = ""

    def _oms_guarded_in(self, vals):
        return [fname for fname in self._oms_guarded_fields if fname in vals]

    def _oms_raise_guarded(self, fnames):
        labels = ", ".join(self._fields[fname].string for fname in fnames)
        raise UserError(
            self.env._(
                "%(model)s: %(fields)s can be changed only with the record's "
                "buttons, which first check that the change is allowed.",
                fields=labels,
                model=self._description,
            )
        )

    def _oms_differs(self, fname, value):
        """Whether writing ``value`` to ``fname`` changes any record."""
        return any(value_differs(record, fname, value) for record in self)

    def _oms_check_target_company(self, vals_list):
        if self.env.su or "company_id" not in self._fields:
            return
        allowed = self.env.user.company_ids
        for vals in vals_list:
            company_id = vals.get("company_id")
            if company_id and company_id not in allowed.ids:
                raise AccessError(
                    self.env._(
                        "You may not put a %(model)s in a company you have no "
                        "access to.",
                        model=self._description,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._oms_check_target_company(vals_list)
        if not self.env.su:
            guarded = {f for vals in vals_list for f in self._oms_guarded_in(vals)}
            if guarded:
                defaults = self.default_get(list(guarded))
                for vals in vals_list:
                    changed = [
                        fname
                        for fname in self._oms_guarded_in(vals)
                        if self.new({fname: vals[fname]})[fname]
                        != self.new({fname: defaults.get(fname)})[fname]
                    ]
                    if changed:
                        self._oms_raise_guarded(changed)
        return super().create(vals_list)

    def write(self, vals):
        self._oms_check_target_company([vals])
        if not self.env.su:
            changed = [
                fname
                for fname in self._oms_guarded_in(vals)
                if self._oms_differs(fname, vals[fname])
            ]
            if changed:
                self._oms_raise_guarded(changed)
        check_derived_write(self, vals, self._oms_derived_prefix)
        return super().write(vals)

    def _oms_lock(self):
        """Lock the rows and re-read the guarded fields before a transition.

        A concurrent transition that committed first makes PostgreSQL raise
        a serialization failure here; Odoo retries the request, which then
        sees the new state and refuses what no longer applies.
        """
        if not self.ids:
            return self
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(list(self._oms_guarded_fields))
        return self

    def _oms_transition_write(self, vals):
        """Write guarded fields from a transition method.

        Callers check rights, the gate and the current state first; sudo
        only lifts the guard above (uid, and so write_uid and the chatter
        author, stay the user's).
        """
        return self.sudo().write(vals)
