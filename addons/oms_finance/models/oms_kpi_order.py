# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class OmsKpiOrder(models.Model):
    """One row per confirmed or cancelled sales order with the flags and
    durations the OMS KPIs are built from. Rates are 100/0 per order with an
    average aggregator, so pivot and graph show percentages directly.

    - on time: last delivery done on or before the promised date (OMS
      promised date, else the commitment date; no promise = on time);
    - in full: every storable line delivered in full;
    - right first time: no hold, no order change and no fallout;
    - accurate: in full and nothing returned;
    - perfect order: on time, in full, accurate and no payment deduction;
    - returned: a done return picking (moves with an origin returned move);
    - on time, in full, OTIF, accuracy and perfect order are empty for an
      open order neither delivered nor past its promise (not due yet), so
      the averages of a running period are not dragged down by orders
      still on their way;
    - straight-through (STP): of the orders that reached invoiced, those with
      no hold, no change, no fallout and no manual touch (invoiced by an
      invoice policy, not by hand); empty for orders not invoiced yet, so
      the average is over invoiced orders only;
    - unclean: a hold, a change or a fallout (not right first time).

    Amounts are in the order's currency (``currency_id``) with the company
    currency equivalent at the order's rate beside them; durations come from
    the stage history (first entry into shipped, invoiced, paid).
    """

    _name = "oms.kpi.order"
    _description = "OMS Order KPIs"
    _auto = False
    _order = "date_order desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    date_order = fields.Datetime("Order Date", readonly=True)
    oms_stage = fields.Selection(
        selection="_get_oms_stage_selection", string="OMS Stage", readonly=True
    )
    amount_total = fields.Monetary(readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    amount_total_company = fields.Monetary(
        "Total (Company Currency)", currency_field="company_currency_id", readonly=True
    )
    order_count = fields.Integer("# Orders", readonly=True)
    promised_date = fields.Date(readonly=True)
    date_delivered = fields.Datetime("Delivered On", readonly=True)
    hours_to_ship = fields.Float("Order to Ship (h)", aggregator="avg", readonly=True)
    hours_to_invoice = fields.Float(
        "Order to Invoice (h)", aggregator="avg", readonly=True
    )
    hours_to_cash = fields.Float("Order to Cash (h)", aggregator="avg", readonly=True)
    on_time_rate = fields.Float("On Time %", aggregator="avg", readonly=True)
    in_full_rate = fields.Float("In Full %", aggregator="avg", readonly=True)
    otif_rate = fields.Float("OTIF %", aggregator="avg", readonly=True)
    right_first_time_rate = fields.Float(
        "Right First Time %", aggregator="avg", readonly=True
    )
    accuracy_rate = fields.Float("Order Accuracy %", aggregator="avg", readonly=True)
    perfect_order_rate = fields.Float(
        "Perfect Order %", aggregator="avg", readonly=True
    )
    cancel_rate = fields.Float("Cancellation %", aggregator="avg", readonly=True)
    return_rate = fields.Float("Return %", aggregator="avg", readonly=True)
    deduction_rate = fields.Float("Deduction %", aggregator="avg", readonly=True)
    stp_rate = fields.Float(
        "Straight-Through %",
        aggregator="avg",
        readonly=True,
        help="Invoiced orders only: no hold, change, fallout or manual invoice.",
    )
    unclean_count = fields.Integer(
        "# Unclean", readonly=True, help="A hold, a change or a fallout."
    )
    fallout_count = fields.Integer("# Fallouts", readonly=True)
    deduction_amount = fields.Float(readonly=True)

    @api.model
    def _get_oms_stage_selection(self):
        # Bridges add stages (oms_mrp: engineering): the order field's values.
        return self.env["sale.order"]._fields["oms_stage"].selection

    def _query(self):
        return SQL(
            """
            WITH delivery AS (
                SELECT p.sale_id, MAX(p.date_done) AS date_done
                  FROM stock_picking p
                  JOIN stock_picking_type t ON t.id = p.picking_type_id
                 WHERE p.state = 'done' AND t.code = 'outgoing'
                   AND p.sale_id IS NOT NULL
                 GROUP BY p.sale_id
            ), returned AS (
                SELECT DISTINCT p.sale_id
                  FROM stock_move m
                  JOIN stock_picking p ON p.id = m.picking_id
                 WHERE m.origin_returned_move_id IS NOT NULL
                   AND m.state = 'done' AND p.sale_id IS NOT NULL
            ), short AS (
                SELECT DISTINCT l.order_id
                  FROM sale_order_line l
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE l.display_type IS NULL AND pt.type = 'consu'
                   AND l.qty_delivered < l.product_uom_qty
            ), stage AS (
                SELECT order_id,
                       MIN(date_start) FILTER (WHERE stage = 'shipped') AS shipped,
                       MIN(date_start) FILTER (WHERE stage = 'invoiced') AS invoiced,
                       MIN(date_start) FILTER (WHERE stage = 'paid') AS paid
                  FROM oms_stage_history
                 GROUP BY order_id
            ), hold AS (
                SELECT DISTINCT order_id FROM oms_order_hold
            ), fallout AS (
                SELECT order_id, COUNT(*) AS fallout_count
                  FROM oms_fallout GROUP BY order_id
            ), deduction AS (
                SELECT order_id, SUM(amount) AS amount
                  FROM oms_payment_deduction
                 WHERE order_id IS NOT NULL
                 GROUP BY order_id
            ), manual AS (
                -- Invoiced by hand: a customer invoice of the order that no
                -- invoice policy created.
                SELECT DISTINCT sol.order_id
                  FROM sale_order_line_invoice_rel rel
                  JOIN sale_order_line sol ON sol.id = rel.order_line_id
                  JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                  JOIN account_move am ON am.id = aml.move_id
                 WHERE am.move_type = 'out_invoice' AND am.state != 'cancel'
                   AND am.oms_invoice_policy_id IS NULL
            ), local AS (
                -- Promised dates are local dates, deliveries UTC timestamps:
                -- a delivery is on time by its day where the order is run,
                -- in the salesperson's timezone, else the company's, else
                -- UTC. The names are pytz's (a selection), as PostgreSQL
                -- knows them; Odoo's own grouping by day relies on the same.
                SELECT so.id AS order_id,
                       z.tz,
                       COALESCE(
                           so.oms_promised_date,
                           timezone(z.tz, timezone('UTC', so.commitment_date))::date
                       ) AS promised_date
                  FROM sale_order so
                  JOIN res_company rc ON rc.id = so.company_id
                  LEFT JOIN res_partner cp ON cp.id = rc.partner_id
                  LEFT JOIN res_users u ON u.id = so.user_id
                  LEFT JOIN res_partner up ON up.id = u.partner_id
                 CROSS JOIN LATERAL (
                       SELECT COALESCE(NULLIF(up.tz, ''), NULLIF(cp.tz, ''), 'UTC')
                           AS tz
                 ) z
                 WHERE so.state IN ('sale', 'cancel')
            ), flags AS (
                SELECT so.id,
                       so.state = 'cancel' AS cancelled,
                       lo.promised_date,
                       d.date_done,
                       d.date_done IS NOT NULL AND (
                           lo.promised_date IS NULL
                           OR timezone(lo.tz, timezone('UTC', d.date_done))::date
                               <= lo.promised_date
                       ) AS on_time,
                       d.date_done IS NOT NULL AND short.order_id IS NULL
                           AS in_full,
                       returned.sale_id IS NOT NULL AS returned,
                       hold.order_id IS NULL AND COALESCE(so.oms_change_count, 0) = 0
                           AND fallout.order_id IS NULL AS right_first_time,
                       deduction.order_id IS NOT NULL AS deducted,
                       manual.order_id IS NOT NULL AS manual,
                       so.oms_stage IN ('invoiced', 'paid') AS invoiced,
                       -- Delivery rates judge an open order once delivered
                       -- or once its promise has passed, not before.
                       so.state = 'cancel' OR d.date_done IS NOT NULL
                           OR lo.promised_date < timezone(lo.tz, now())::date
                           AS due
                  FROM sale_order so
                  JOIN local lo ON lo.order_id = so.id
                  LEFT JOIN delivery d ON d.sale_id = so.id
                  LEFT JOIN short ON short.order_id = so.id
                  LEFT JOIN returned ON returned.sale_id = so.id
                  LEFT JOIN hold ON hold.order_id = so.id
                  LEFT JOIN fallout ON fallout.order_id = so.id
                  LEFT JOIN deduction ON deduction.order_id = so.id
                  LEFT JOIN manual ON manual.order_id = so.id
                 WHERE so.state IN ('sale', 'cancel')
            )
            SELECT so.id AS id,
                   so.id AS order_id,
                   so.company_id,
                   so.currency_id,
                   so.partner_id,
                   so.user_id,
                   so.team_id,
                   so.date_order,
                   so.oms_stage,
                   so.amount_total,
                   c.currency_id AS company_currency_id,
                   so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                       AS amount_total_company,
                   1 AS order_count,
                   f.promised_date,
                   f.date_done AS date_delivered,
                   EXTRACT(EPOCH FROM stage.shipped - so.date_order) / 3600.0
                       AS hours_to_ship,
                   EXTRACT(EPOCH FROM stage.invoiced - so.date_order) / 3600.0
                       AS hours_to_invoice,
                   EXTRACT(EPOCH FROM stage.paid - so.date_order) / 3600.0
                       AS hours_to_cash,
                   CASE WHEN NOT f.due THEN NULL
                        WHEN f.on_time THEN 100.0 ELSE 0.0 END AS on_time_rate,
                   CASE WHEN NOT f.due THEN NULL
                        WHEN f.in_full THEN 100.0 ELSE 0.0 END AS in_full_rate,
                   CASE WHEN NOT f.due THEN NULL
                        WHEN f.on_time AND f.in_full THEN 100.0 ELSE 0.0 END
                       AS otif_rate,
                   CASE WHEN f.right_first_time THEN 100.0 ELSE 0.0 END
                       AS right_first_time_rate,
                   CASE WHEN NOT f.due THEN NULL
                        WHEN f.in_full AND NOT f.returned THEN 100.0 ELSE 0.0 END
                       AS accuracy_rate,
                   CASE WHEN NOT f.due THEN NULL
                        WHEN f.on_time AND f.in_full AND NOT f.returned
                             AND NOT f.deducted THEN 100.0 ELSE 0.0 END
                       AS perfect_order_rate,
                   CASE WHEN f.cancelled THEN 100.0 ELSE 0.0 END AS cancel_rate,
                   CASE WHEN f.returned THEN 100.0 ELSE 0.0 END AS return_rate,
                   CASE WHEN f.deducted THEN 100.0 ELSE 0.0 END AS deduction_rate,
                   CASE WHEN NOT f.invoiced THEN NULL
                        WHEN f.right_first_time AND NOT f.manual THEN 100.0
                        ELSE 0.0 END AS stp_rate,
                   CASE WHEN f.right_first_time THEN 0 ELSE 1 END AS unclean_count,
                   COALESCE(fallout.fallout_count, 0) AS fallout_count,
                   COALESCE(deduction.amount, 0.0) AS deduction_amount
              FROM sale_order so
              JOIN flags f ON f.id = so.id
              JOIN res_company c ON c.id = so.company_id
              LEFT JOIN stage ON stage.order_id = so.id
              LEFT JOIN fallout ON fallout.order_id = so.id
              LEFT JOIN deduction ON deduction.order_id = so.id
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
