# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shipment ports become ``oms.port`` records.

The free texts ``port_loading``/``port_discharge`` stay as they were (what
the documents print); each shipment is linked to the port its text names:
a port of the data file (by UN/LOCODE or name), or a port created from a
text of the form ``CODE (Name)`` with a valid UN/LOCODE. Texts that name no
port (e.g. an IATA code) stay unlinked and are listed in the log.
"""

import logging
import re

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

CODE_NAME_RE = re.compile(r"^\s*([A-Z]{2}[A-Z2-9]{3})\s*\((.+)\)\s*$")
COLUMNS = (("port_loading", "port_loading_id"), ("port_discharge", "port_discharge_id"))


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Port = env["oms.port"]
    cr.execute(
        """SELECT DISTINCT text FROM (
               SELECT port_loading AS text FROM oms_export_shipment
                WHERE port_loading_id IS NULL
               UNION
               SELECT port_discharge FROM oms_export_shipment
                WHERE port_discharge_id IS NULL
           ) t WHERE text IS NOT NULL AND btrim(text) != ''"""
    )
    texts = [row[0] for row in cr.fetchall()]
    found = Port._oms_find_by_text(texts)
    to_create = {}
    for text in texts:
        match = CODE_NAME_RE.match(text)
        if text not in found and match and match.group(1) not in to_create:
            to_create[match.group(1)] = match.group(2).strip()
    countries = set(env["res.country"].search([]).mapped("code"))
    vals = [
        {"code": code, "name": name}
        for code, name in to_create.items()
        if code[:2] in countries
    ]
    if vals:
        Port.create(vals)
        found = Port._oms_find_by_text(texts)
    # SQL, not the ORM: linking must not reword the texts the documents of
    # the shipments already printed. One statement per column.
    if found:
        env.flush_all()
        pairs = SQL(", ").join(
            SQL("(%s, %s)", text, port.id) for text, port in found.items()
        )
        for text_column, port_column in COLUMNS:
            cr.execute(
                SQL(
                    """UPDATE oms_export_shipment s SET %(port)s = v.port_id
                         FROM (VALUES %(pairs)s) AS v(text, port_id)
                        WHERE s.%(text)s = v.text AND s.%(port)s IS NULL""",
                    port=SQL.identifier(port_column),
                    text=SQL.identifier(text_column),
                    pairs=pairs,
                )
            )
    unlinked = sorted(set(texts) - set(found))
    if unlinked:
        _logger.info(
            "Shipment ports left as text (no UN/LOCODE port named): %s",
            ", ".join(unlinked),
        )
