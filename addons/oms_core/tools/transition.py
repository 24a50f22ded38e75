# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fields of Odoo's own models that only their transition methods change.

Odoo's transition methods (``action_confirm``, ``_action_done``,
``_post``...) check what they must, then write the state with a plain
``write``: a client calling ``write`` itself would skip every check. The
OMS wraps those methods in ``transition(records)`` and refuses, in
``write``, a change of a guarded field of a record that is not in one.

The marker lives in the cursor's own cache, never in a context, which a
JSON-RPC client chooses.

Fields the ORM computes from others (stage, money state, totals) are not
written by a client either (``check_derived_write``).
"""

from contextlib import contextmanager

from odoo.exceptions import UserError

_KEY = "oms_transitions"
# In the allowed set of a model: every record of the model is in a
# transition (one that creates records as it goes, e.g. stock.move's
# ``_action_done`` splitting moves).
_WHOLE_MODEL = "all"


def _allowed(env, model_name):
    return env.cr.cache.setdefault(_KEY, {}).setdefault(model_name, set())


@contextmanager
def transition(records, whole_model=False):
    """Let the code run inside change the guarded fields of ``records``, or
    of every record of their model with ``whole_model``."""
    allowed = _allowed(records.env, records._name)
    added = ({_WHOLE_MODEL} if whole_model else set(records._ids)) - allowed
    allowed |= added
    try:
        yield
    finally:
        allowed -= added


def in_whole_model_transition(model):
    """Whether a transition of every record of ``model`` runs now (records
    it creates may carry values a client may not set)."""
    return _WHOLE_MODEL in _allowed(model.env, model._name)


def check_transition_write(records, vals, fnames, is_refused, buttons):
    """Refuse (``UserError``) a write of ``vals`` on ``records`` outside a
    transition when ``is_refused(record, fname, value)`` says so for one of
    the guarded fields ``fnames`` in ``vals``. The superuser (module data,
    crons) is trusted.

    :param is_refused: called only for records not in a transition
    :param buttons: function returning what to press instead (translated
        only when a write is refused)
    """
    guarded = [fname for fname in fnames if fname in vals]
    if not guarded or records.env.su or not records:
        return
    if in_whole_model_transition(records):
        return
    allowed = _allowed(records.env, records._name)
    for record in records:
        if record.id in allowed:
            continue
        refused = [f for f in guarded if is_refused(record, f, vals[f])]
        if refused:
            raise UserError(
                records.env._(
                    "%(record)s: %(fields)s can be changed only with its "
                    "buttons (%(buttons)s), which first check that the change "
                    "is allowed and do what goes with it.",
                    record=record.display_name,
                    fields=", ".join(records._fields[f].string for f in refused),
                    buttons=buttons(),
                )
            )


def check_derived_write(records, vals, prefix=""):
    """Refuse (``UserError``) a write changing a stored field the ORM
    computes from others (no inverse, read-only) among ``vals``: the value a
    client sends would stay until the next recompute, a stage or a total
    the record does not have. The superuser (module data, crons, the
    writers of bookkeeping) is trusted.

    :param prefix: only the fields whose name starts with it (the OMS's own
        on a model of another module, whose computes are that module's)
    """
    if records.env.su or not records:
        return
    fields = records._fields
    derived = [
        fname
        for fname in vals
        if fname.startswith(prefix)
        and (field := fields.get(fname)) is not None
        and field.compute
        and field.store
        and field.readonly
        and not field.inverse
        and not field.related
    ]
    changed = [
        fname
        for fname in derived
        if any(value_differs(record, fname, vals[fname]) for record in records)
    ]
    if changed:
        raise UserError(
            records.env._(
                "%(model)s: not set by hand, worked out from the rest of the "
                "record: %(fields)s.",
                model=records._description,
                fields=", ".join(fields[fname].string for fname in changed),
            )
        )


def value_differs(record, fname, value):
    """Whether writing ``value`` to ``fname`` changes ``record`` (a value
    the field cannot hold does)."""
    field = record._fields[fname]
    try:
        new = field.convert_to_record(field.convert_to_cache(value, record), record)
    except ValueError:
        return True
    return new != record[fname]
