# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one evaluator of the domains that managers write in OMS configuration.

A domain a non-admin can edit is data, never code: it is parsed, every node
is checked against a small whitelist, and it is then evaluated by
``safe_eval`` with an evaluation context that holds plain values only (the
user id, the allowed company ids, today's date and date arithmetic). No
record, environment or model is ever in reach, so a domain cannot call
``sudo()``, write, or read anything the user could not filter on.
"""

import ast
import functools

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import datetime, safe_eval

# Date helpers the domain editor writes for relative dates, e.g.
# (context_today() - relativedelta(days=30)).strftime("%Y-%m-%d")
SAFE_CALLABLES = frozenset({"context_today", "relativedelta", "time_now"})
SAFE_ATTRIBUTES = frozenset(
    {
        "strftime",
        "isoformat",
        "date",
        "datetime",
        "time",
        "combine",
        "today",
        "now",
        "timedelta",
    }
)
SAFE_NODES = (
    ast.Expression,
    ast.List,
    ast.Tuple,
    ast.Constant,
    ast.Load,
    ast.UnaryOp,
    ast.USub,
    ast.UAdd,
    ast.Not,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Name,
    ast.Call,
    ast.keyword,
    ast.Attribute,
)


# The names of ``domain_eval_context``: what a domain may name.
DOMAIN_NAMES = frozenset(
    {
        "uid",
        "company_id",
        "company_ids",
        "context_today",
        "time_now",
        "datetime",
        "relativedelta",
    }
)


def domain_eval_context(env):
    """Plain values a domain may name. Records never appear here."""
    return {
        "uid": env.uid,
        "company_id": env.company.id,
        "company_ids": list(env.companies.ids),
        "context_today": lambda: fields.Date.context_today(env.user),
        "time_now": lambda: fields.Datetime.now(),
        "datetime": datetime,
        "relativedelta": relativedelta,
    }


def _check_node(node, names):
    # Whitelist: data, the names of ``domain_eval_context`` and date helpers.
    if not isinstance(node, SAFE_NODES):
        raise TypeError(f"{type(node).__name__} is not allowed in a domain")
    if isinstance(node, ast.Name) and node.id not in names:
        raise ValueError(f"'{node.id}' is not a name a domain may use")
    if isinstance(node, ast.Attribute) and node.attr not in SAFE_ATTRIBUTES:
        raise ValueError(f"'.{node.attr}' is not allowed in a domain")
    if isinstance(node, ast.Call):
        func = node.func
        allowed = (isinstance(func, ast.Name) and func.id in SAFE_CALLABLES) or (
            isinstance(func, ast.Attribute) and func.attr in SAFE_ATTRIBUTES
        )
        if not allowed:
            raise ValueError("only date functions may be called in a domain")
    for child in ast.iter_child_nodes(node):
        _check_node(child, names)


def _is_term(term):
    return term in ("&", "|", "!") or (
        isinstance(term, list | tuple) and len(term) == 3
    )


def _normalize(domain):
    if not isinstance(domain, list) or not all(map(_is_term, domain)):
        raise ValueError("a domain is a list of conditions")
    if not domain:
        return []
    return expression.normalize_domain(
        [tuple(term) if isinstance(term, list) else term for term in domain]
    )


@functools.lru_cache(maxsize=512)
def _parse(text):
    """``(dynamic, domain)`` of the checked domain ``text``: a domain that
    names nothing (literals only, the same for every user and day) is not
    dynamic and comes normalized; a dynamic one is evaluated at each call.
    Rules ask for the same few texts at every event of every order: each
    text is parsed and checked once."""
    tree = ast.parse(text, mode="eval")
    _check_node(tree, DOMAIN_NAMES)
    if any(isinstance(node, ast.Name) for node in ast.walk(tree)):
        return True, None
    try:
        value = ast.literal_eval(tree)
    except (ValueError, TypeError):  # arithmetic (1 + 2): left to safe_eval
        return True, None
    return False, tuple(_normalize(value))


def _copy(domain):
    # Terms are tuples; a list value ("in") is copied, so that a caller
    # changing what it got leaves the cached domain as it was.
    return [
        (term[0], term[1], list(term[2]))
        if not isinstance(term, str) and isinstance(term[2], list)
        else term
        for term in domain
    ]


def eval_domain(env, text, label=None):
    """Return the domain ``text`` as a normalized list, or raise a
    ValidationError naming ``label`` when it is anything but data."""
    text = (text or "[]").strip()
    try:
        dynamic, domain = _parse(text)
        if not dynamic:
            return _copy(domain)
        return _normalize(safe_eval(text, domain_eval_context(env)))
    except Exception as error:
        raise ValidationError(
            env._(
                "%(label)s is not a valid domain: %(error)s. A domain may use "
                "literal values, uid, company_id, company_ids and relative "
                "dates (context_today(), relativedelta(...)).",
                label=label or env._("The condition"),
                error=error,
            )
        ) from error


def validate_domain(env, model_name, text, label=None):
    """Check ``text`` at save: data only, and a valid search on the model."""
    domain = eval_domain(env, text, label=label)
    try:
        env[model_name].search_count(domain, limit=1)
    except Exception as error:
        raise ValidationError(
            env._(
                "%(label)s is not a valid domain on %(model)s: %(error)s",
                label=label or env._("The condition"),
                model=model_name,
                error=error,
            )
        ) from error
    return domain


__all__ = ["domain_eval_context", "eval_domain", "validate_domain"]
