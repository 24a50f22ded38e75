# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common_cash import OmsCashCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestKpi(OmsCashCommon):
    """Six orders of January 2020 with known outcomes:

    A on time, in full, short paid (deduction); B half delivered, a fallout;
    C cancelled; D delivered then partly returned; E delivered late; F
    perfect.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.oms_cost_per_order = 12.5
        cls.orders = {}
        for key in "ABCDEF":
            order = cls._create_order(lines=[(cls.product, 10)])
            order.action_confirm()
            # Confirmation dates the order now: back a few days, so that a
            # promise in the past is possible.
            order.date_order = fields.Datetime.now() - relativedelta(days=5)
            cls.orders[key] = order
        future = cls.today + relativedelta(days=10)
        for key, order in cls.orders.items():
            order.order_line.oms_promised_date = (
                # Two days back: late whatever the hour of the run and the
                # timezone.
                cls.today - relativedelta(days=2) if key == "E" else future
            )

    def _prepare_dataset(self):
        orders = self.orders
        for key in "ADEF":
            self._deliver(orders[key])
        self._deliver(orders["B"], qty=5)
        self.env["oms.fallout"]._report(orders["B"], "procurement", "No vendor")
        orders["C"]._action_cancel()
        self._return_one(orders["D"])
        invoice = orders["A"]._create_invoices()
        invoice.action_post()
        line = self._create_statement_line(
            invoice.amount_total - 20.0, f"Payment {invoice.name}"
        )
        self._run(lines=line)
        self.assertTrue(invoice.line_ids.sale_line_ids.order_id == orders["A"])
        for order in orders.values():
            order.date_order = datetime(2020, 1, 15, 10, 0)
        self.env.flush_all()

    def _return_one(self, order):
        picking = order.picking_ids.filtered(lambda p: p.state == "done")
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves.quantity = 1.0
        return_picking = wizard._create_return()
        return_picking.move_ids.quantity = 1.0
        return_picking.button_validate()
        self.assertEqual(return_picking.state, "done")

    def _dashboard(self):
        return self.env["oms.kpi.dashboard"].create(
            {
                "company_id": self.company.id,
                "date_from": date(2020, 1, 1),
                "date_to": date(2020, 1, 31),
            }
        )

    def test_kpi_rows_and_rates(self):
        self._prepare_dataset()
        rows = self.env["oms.kpi.order"].search(
            [("order_id", "in", [o.id for o in self.orders.values()])]
        )
        by_key = {
            key: rows.filtered(lambda r, o=order: r.order_id == o)
            for key, order in self.orders.items()
        }
        self.assertEqual(by_key["A"].otif_rate, 100.0)
        self.assertEqual(by_key["A"].deduction_rate, 100.0)
        self.assertEqual(by_key["A"].perfect_order_rate, 0.0)
        self.assertEqual(by_key["B"].in_full_rate, 0.0)
        self.assertEqual(by_key["B"].fallout_count, 1)
        self.assertEqual(by_key["B"].right_first_time_rate, 0.0)
        self.assertEqual(by_key["C"].cancel_rate, 100.0)
        self.assertEqual(by_key["D"].return_rate, 100.0)
        self.assertEqual(by_key["D"].accuracy_rate, 0.0)
        self.assertEqual(by_key["E"].on_time_rate, 0.0)
        self.assertEqual(by_key["E"].in_full_rate, 100.0)
        self.assertEqual(by_key["F"].perfect_order_rate, 100.0)

        values = self._dashboard()._get_kpi_values()
        self.assertEqual(values["order_count"], 6)
        self.assertAlmostEqual(values["on_time_rate"], 400 / 6)
        self.assertAlmostEqual(values["in_full_rate"], 50.0)
        self.assertAlmostEqual(values["otif_rate"], 200 / 6)
        self.assertAlmostEqual(values["accuracy_rate"], 50.0)
        self.assertAlmostEqual(values["perfect_order_rate"], 100 / 6)
        self.assertAlmostEqual(values["cancel_rate"], 100 / 6)
        self.assertAlmostEqual(values["return_rate"], 100 / 6)
        self.assertAlmostEqual(values["deduction_rate"], 100 / 6)
        self.assertAlmostEqual(values["right_first_time_rate"], 500 / 6)
        self.assertEqual(values["fallout_count"], 1)
        self.assertEqual(values["cost_per_order"], 12.5)
        self.assertEqual(values["total_order_cost"], 75.0)
        stages = dict(values["stage_cycle_hours"])
        self.assertIn("Released", stages)

    def test_on_time_by_the_local_day(self):
        """A delivery is on time by its day where the order is run (the
        salesperson's timezone), not by its UTC date: the promise is a
        local date."""
        promised = date(2020, 1, 20)
        cases = {
            # 20:00 UTC on the 20th is 01:30 on the 21st in Kolkata: late.
            "Asia/Kolkata": (datetime(2020, 1, 20, 20, 0), 0.0),
            # 03:00 UTC on the 21st is 21:00 on the 20th in Chicago: on time.
            "America/Chicago": (datetime(2020, 1, 21, 3, 0), 100.0),
        }
        for tz, (date_done, on_time_rate) in cases.items():
            with self.subTest(tz=tz):
                self.salesman.tz = tz
                order = self._create_order(user_id=self.salesman.id)
                order.action_confirm()
                order.date_order = datetime(2020, 1, 10, 10, 0)
                order.order_line.oms_promised_date = promised
                picking = self._deliver(order)
                picking.date_done = date_done
                self.env.flush_all()
                row = self.env["oms.kpi.order"].search([("order_id", "=", order.id)])
                self.assertEqual(row.promised_date, promised)
                self.assertEqual(row.on_time_rate, on_time_rate)

    def test_kpi_xlsx_and_dashboard_form(self):
        self._prepare_dataset()
        dashboard = self._dashboard()
        self.assertEqual(dashboard.order_count, 6)
        self.assertAlmostEqual(dashboard.otif_rate, 200 / 6)
        self.assertIn("Released", dashboard.stage_cycle_text)
        content, fmt = self.env["ir.actions.report"]._render_xlsx(
            "oms_finance.oms_kpi_xlsx_report", dashboard.ids, None
        )
        self.assertEqual(fmt, "xlsx")
        self.assertTrue(openpyxl, "openpyxl is needed to read the workbook")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(workbook.sheetnames, ["KPIs", "Orders"])
        headline = {
            row[0]: row[1]
            for row in workbook["KPIs"].iter_rows(values_only=True)
            if row[0] and row[1] is not None
        }
        self.assertAlmostEqual(headline["OTIF %"], 200 / 6, places=2)
        self.assertEqual(headline["Orders"], 6)
        self.assertEqual(headline["Total Order Cost"], 75.0)
        orders = [row[0] for row in workbook["Orders"].iter_rows(values_only=True)]
        self.assertIn(self.orders["F"].name, orders)
        self.assertEqual(len(orders), 7)
        action = dashboard.action_view_orders()
        self.assertEqual(action["res_model"], "oms.kpi.order")
