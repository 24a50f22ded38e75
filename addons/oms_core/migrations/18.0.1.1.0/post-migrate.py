# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.1.0: orders remember the stage their history last recorded
(``sale.order.oms_stage_recorded``), so a transition point that changed
nothing costs no query. Fill it from each order's open history entry."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE sale_order so SET oms_stage_recorded = h.stage
          FROM (SELECT DISTINCT ON (order_id) order_id, stage
                  FROM oms_stage_history WHERE date_end IS NULL
                 ORDER BY order_id, date_start DESC, id DESC) h
         WHERE h.order_id = so.id
        """
    )
