# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0: the jeopardy scan re-examines only the lines due
(``sale.order.line.oms_jeopardy_next_check``, empty: due at the next scan).

The column is created here, empty, so that the upgrade does not compute the
new stored field line by line in Python on a large database: every existing
line is due at the first scan after the upgrade, which is what an empty date
means. Idempotent."""

from odoo.tools import sql


def migrate(cr, version):
    if not version:
        return
    if not sql.column_exists(cr, "sale_order_line", "oms_jeopardy_next_check"):
        sql.create_column(cr, "sale_order_line", "oms_jeopardy_next_check", "date")
    # The index Odoo would create for the field (``index=True``).
    sql.create_index(
        cr,
        sql.make_index_name("sale_order_line", "oms_jeopardy_next_check"),
        "sale_order_line",
        ['"oms_jeopardy_next_check"'],
    )
