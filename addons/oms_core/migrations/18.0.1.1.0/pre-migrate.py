# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: order-to-cash finance moved from oms_core to oms_finance.

Upgrading oms_core without this would delete, at the end of loading
(``ir.model.data._process_end``), every record oms_core no longer declares:
the finance models and fields (which DROPS their tables and columns), their
selection values (which deletes the records holding them), and the finance
data (reasons, crons, sequences, queue job function, rules, menus...).

So before oms_core loads, the records change owner: oms_finance is marked
to load in this same run, and the xml ids it declares (``xmlids.txt``, from
``SELECT name FROM ir_model_data WHERE module = 'oms_finance'`` on a fresh
database of the new layout, less the names oms_core declares too) move to it.
"""

import logging
from pathlib import Path

from odoo.tools import config

_logger = logging.getLogger(__name__)

XMLIDS_FILE = Path(__file__).with_name("xmlids.txt")


def _ensure_oms_finance(cr):
    """The oms_finance module row, marked to load in this run.

    ``-u`` runs Odoo's ``update_list`` first, which creates the row, and
    ``button_upgrade`` marks it ``to install`` when an installed addon now
    depends on it; it is inserted here only if missing. It is marked
    ``to upgrade``, not ``to install``: its records already exist (moved
    below), and an install loads data in ``init`` mode, which rewrites
    ``noupdate`` records (an activated cron would be deactivated again) and
    runs the demo ``<function>`` calls a second time (payments posted twice,
    statement lines created again). The loader picks it in its next pass
    (``load_marked_modules`` re-reads the states until nothing is left).
    """
    cr.execute("SELECT demo FROM ir_module_module WHERE name = 'oms_core'")
    (demo,) = cr.fetchone()
    cr.execute(
        """
        INSERT INTO ir_module_module (name, state, demo)
        VALUES ('oms_finance', 'uninstalled', %s)
        ON CONFLICT (name) DO NOTHING
        """,
        [demo],
    )
    cr.execute(
        """
        UPDATE ir_module_module SET state = 'to upgrade', demo = %s
         WHERE name = 'oms_finance' AND state IN ('uninstalled', 'to install')
        RETURNING id
        """,
        [demo],
    )
    marked = bool(cr.fetchone())
    # ``-i oms_finance`` on the same command line (scripts/run.sh passes every
    # OMS addon to -i and -u) would still load it as an install (init mode).
    for kind in ("init", "demo"):
        config[kind].pop("oms_finance", None)
    return marked


def migrate(cr, version):
    if not version or not _ensure_oms_finance(cr):
        return
    names = XMLIDS_FILE.read_text().split()
    cr.execute(
        """
        UPDATE ir_model_data SET module = 'oms_finance'
         WHERE module = 'oms_core' AND name IN %s
        """,
        [tuple(names)],
    )
    _logger.info("oms_finance: %s xml ids moved from oms_core", cr.rowcount)
    # The SQL constraints and many2many tables of the moved models and fields
    # are owned by a module too (dropped when it is uninstalled).
    cr.execute(
        """
        UPDATE ir_model_constraint c SET module = f.id
          FROM ir_module_module f, ir_module_module o
         WHERE f.name = 'oms_finance' AND o.name = 'oms_core'
           AND c.module = o.id
           AND c.id IN (SELECT res_id FROM ir_model_data
                         WHERE module = 'oms_finance'
                           AND model = 'ir.model.constraint')
        """
    )
    cr.execute(
        """
        UPDATE ir_model_relation r SET module = f.id
          FROM ir_module_module f, ir_module_module o
         WHERE f.name = 'oms_finance' AND o.name = 'oms_core'
           AND r.module = o.id
           AND r.name IN (
                SELECT relation_table FROM ir_model_fields
                 WHERE id IN (SELECT res_id FROM ir_model_data
                               WHERE module = 'oms_finance'
                                 AND model = 'ir.model.fields'))
        """
    )
