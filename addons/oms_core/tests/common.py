# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from contextlib import closing, contextmanager

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.tests import new_test_user
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.tests.common import BaseCommon


def render_pdf_text(env, report, res_ids):
    """Render ``report`` into a real PDF through wkhtmltopdf and return the
    text of its pages, whitespace collapsed.

    Under --test-enable Odoo hands back the HTML instead of calling
    wkhtmltopdf, hence ``force_report_rendering``. wkhtmltopdf fetches the
    report assets from ``report.url``: it points at a closed port here,
    otherwise wkhtmltopdf would wait on the test server, which this very test
    keeps busy."""
    env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
    content, report_type = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report, res_ids)
    )
    if report_type != "pdf" or not content.startswith(b"%PDF"):
        raise AssertionError(f"{report} did not render a PDF")
    reader = PdfFileReader(io.BytesIO(content))
    return " ".join(
        " ".join(page.extract_text() or "" for page in reader.pages).split()
    )


@contextmanager
def worker_env(dbname, uid=SUPERUSER_ID, context=None):
    """An environment on a connection of its own, as a second worker or user
    has: concurrency tests commit their data here, outside the test
    transaction, and race two of them."""
    with closing(sql_db.db_connect(dbname).cursor()) as cr:
        # Never wait long on rows the test transaction itself holds.
        cr.execute("SET lock_timeout = '10s'")
        yield api.Environment(cr, uid, {"tracking_disable": True, **(context or {})})


class BatchQueriesMixin:
    """Counts the queries of a batch job, caches flushed and emptied first."""

    def _count_queries(self, function, *args):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        result = function(*args)
        self.env.flush_all()
        return self.cr.sql_log_count - before, result


class OmsCoreCommon(BaseCommon):
    """Shared OMS fixtures: users per group, an exporting company's partners
    and products with stock, and no active rule but the test's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Tests build their own rules: shipped samples must not interfere.
        cls.env["oms.rule"].search([]).active = False
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.in")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        # The users live in the test user's time zone: "today" is the same
        # date for all of them at any hour of the run.
        tz = cls.env.user.tz
        cls.oms_user = new_test_user(
            cls.env, login="oms_test_user", groups="oms_core.group_oms_user", tz=tz
        )
        cls.oms_manager = new_test_user(
            cls.env,
            login="oms_test_manager",
            groups="oms_core.group_oms_manager",
            tz=tz,
        )
        cls.salesman = new_test_user(
            cls.env,
            login="oms_test_salesman",
            groups="sales_team.group_sale_salesman",
            tz=tz,
        )
        cls.customer_de = cls.env["res.partner"].create(
            {
                "name": "Hamburg Maschinenbau GmbH",
                "street": "Am Sandtorkai 1",
                "city": "Hamburg",
                "zip": "20457",
                "country_id": cls.env.ref("base.de").id,
                "vat": "DE123456788",
            }
        )
        cls.customer_in = cls.env["res.partner"].create(
            {
                "name": "Pune Traders",
                "street": "FC Road 5",
                "city": "Pune",
                "country_id": cls.env.ref("base.in").id,
            }
        )
        cls.incoterm_cif = cls.env.ref("account.incoterm_CIF")
        cls.product = cls._create_product(
            "Stainless Valve DN50", 120.0, hs_code="848180"
        )
        cls.product_b = cls._create_product("Pump Housing", 450.0, hs_code="841391")
        cls._add_stock(cls.product, 1000)
        cls._add_stock(cls.product_b, 1000)

    @classmethod
    def _create_product(cls, name, price, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "list_price": price,
                "invoice_policy": "delivery",
                **vals,
            }
        )

    @classmethod
    def _add_stock(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.stock_location, qty
        )

    @classmethod
    def _create_rule(cls, **vals):
        return cls.env["oms.rule"].create(
            {"name": "Test rule", "event": "confirm", "rule_type": "hold", **vals}
        )

    @classmethod
    def _create_late_lines_rule(cls, level="high"):
        """A jeopardy rule raising every line projected late."""
        return cls._create_rule(
            name="Late lines",
            applies_to="sale.order.line",
            event="jeopardy_scan",
            rule_type="jeopardy",
            jeopardy_level=level,
            domain="[('oms_delay_days', '>', 0)]",
        )

    @classmethod
    def _create_order(cls, partner=None, lines=None, **vals):
        partner = partner or cls.customer_de
        lines = lines or [(cls.product, 10)]
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "incoterm": cls.incoterm_cif.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
                **vals,
            }
        )

    def _pay(self, invoices):
        """Register the payment of ``invoices`` in full, as Odoo's button."""
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({})
            ._create_payments()
        )

    def _deliver(self, order, qty=None):
        """Validate the order's open deliveries (all, or ``qty`` per move)."""
        pickings = order.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        )
        for move in pickings.move_ids:
            move.quantity = qty if qty is not None else move.product_uom_qty
        pickings.with_context(skip_backorder=True).button_validate()
        return pickings
