# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.oms_core.tests.common import OmsCoreCommon

from ..models.oms_export_shipment import PIPELINE


def walk_shipment_to(shipment, state):
    """Press the status buttons of ``shipment`` one by one up to ``state``
    (the pipeline refuses skipping a status)."""
    start = PIPELINE.index(shipment.state) + 1
    for step in PIPELINE[start : PIPELINE.index(state) + 1]:
        shipment._oms_set_state(step)
    return shipment


def complete_document_data(shipment):
    """Give ``shipment`` (and its company, products and orders) every datum
    its documents need before they are prepared (``REQUIRED_DATA``), keeping
    what it already has: exporter codes and signatory, 8-digit ITC-HS codes
    and origins, a posted invoice, marks, routing, transport document and
    insurance, its containers sealed with their VGM, a packed pallet per
    container (one loose pallet without containers)."""
    env = shipment.env
    company = shipment.company_id
    company.write(
        {
            "vat": company.vat or "27AAPFU0939F1ZV",
            "oms_iec_code": company.oms_iec_code or "0304012345",
            "oms_export_signatory": company.oms_export_signatory or "R. Kulkarni",
            "oms_export_signatory_title": "Export Manager",
        }
    )
    goods = shipment.sale_order_ids.order_line.product_id.filtered(
        lambda p: p.type == "consu" and not p.oms_export_charge_type
    )
    for product in goods:
        product.write(
            {
                "hs_code": (product.hs_code or "848180").ljust(8, "0")[:8],
                "country_of_origin": product.country_of_origin.id
                or env.ref("base.in").id,
            }
        )
    confirmed = shipment.sale_order_ids.filtered(lambda o: o.state == "sale")
    if confirmed and not shipment._get_posted_invoices():
        # Invoiced on the ordered quantities: nothing is delivered here.
        goods.invoice_policy = "order"
        lines = confirmed.order_line
        env.add_to_compute(lines._fields["qty_to_invoice"], lines)
        confirmed._create_invoices().action_post()
    shipment.write(
        {
            "consignee_id": (shipment.consignee_id or shipment.partner_id).id,
            "marks_and_numbers": shipment.marks_and_numbers or "HMB / HAMBURG / 1-2",
            "port_loading": shipment.port_loading or "INNSA",
            "port_discharge": shipment.port_discharge or "DEHAM",
            "vessel": shipment.vessel or "Nordsee Express",
            "voyage": shipment.voyage or "NE-614W",
            "bl_number": shipment.bl_number or "NCLHAM0001",
            "bl_date": shipment.bl_date or fields.Date.context_today(shipment),
            "origin_criterion": shipment.origin_criterion or "WO",
            "insurance_policy_number": shipment.insurance_policy_number
            or "OMP-2026-118",
            "insurance_date": shipment.insurance_date
            or fields.Date.context_today(shipment) - timedelta(days=5),
        }
    )
    for container in shipment.container_ids:
        container.write(
            {
                "container_type_id": container.container_type_id.id
                or env.ref("oms_export_logistics.oms_container_type_20gp").id,
                "seal_number": container.seal_number or f"SL{container.id:06d}",
                "cargo_weight": container.cargo_weight or 1200.0,
                "packaging_weight": container.packaging_weight or 60.0,
                "vgm_method": container.vgm_method or "method2",
                "vgm_signatory": container.vgm_signatory or "R. Kulkarni",
                "vgm_date": container.vgm_date or fields.Datetime.now(),
            }
        )
    if not shipment.package_ids:
        package_type = env["stock.package.type"].create(
            {
                "name": "Export pallet 1200 x 800",
                "packaging_length": 1200,
                "width": 800,
                "height": 1000,
                "base_weight": 25,
            }
        )
        env["stock.quant.package"].create(
            [
                {
                    "name": f"{shipment.name}-P{index}",
                    "package_type_id": package_type.id,
                    "shipping_weight": 630.0,
                    "oms_net_weight": 600.0,
                    "oms_container_id": container.id,
                    "oms_shipment_id": shipment.id,
                }
                for index, container in enumerate(
                    shipment.container_ids or env["oms.export.container"], start=1
                )
            ]
            or [
                {
                    "name": f"{shipment.name}-P1",
                    "package_type_id": package_type.id,
                    "shipping_weight": 630.0,
                    "oms_net_weight": 600.0,
                    "oms_shipment_id": shipment.id,
                }
            ]
        )
    shipment.invalidate_recordset()
    return shipment


def shipped_rules(env, rule_types):
    """The rules of ``rule_types`` this addon ships (archived ones too)."""
    rule_ids = (
        env["ir.model.data"]
        .search([("module", "=", "oms_export_logistics"), ("model", "=", "oms.rule")])
        .mapped("res_id")
    )
    return (
        env["oms.rule"]
        .with_context(active_test=False)
        .browse(rule_ids)
        .filtered(lambda rule: rule.rule_type in rule_types)
    )


class OmsExportCommon(OmsCoreCommon):
    """Export fixtures: the service parties of a shipment and a helper that
    builds a sea shipment CIF Hamburg for the German customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # OmsCoreCommon archives every rule; the shipped task types keep
        # theirs. Shipped document rules would gate going on board: tests
        # that need them (test_document_gating) use their own fixtures.
        shipped_rules(cls.env, ["create_task"]).active = True
        Partner = cls.env["res.partner"]
        cls.cha = Partner.create(
            {"name": "Test CHA", "is_company": True, "email": "cha@example.com"}
        )
        cls.transporter = Partner.create(
            {"name": "Test Roadways", "is_company": True, "email": "road@example.com"}
        )
        cls.forwarder = Partner.create(
            {"name": "Test Forwarder", "is_company": True, "email": "fwd@example.com"}
        )
        cls.shipping_line = Partner.create(
            {"name": "Test Line", "is_company": True, "email": "line@example.com"}
        )
        cls.bank = Partner.create(
            {"name": "Test Bank", "is_company": True, "email": "bank@example.com"}
        )
        cls.incoterm_rules = cls.env["oms.incoterm.rule"].search([])
        cls.cutoff = datetime(2026, 3, 10, 12, 0)
        cls.etd = datetime(2026, 3, 12, 6, 0)
        cls.eta = datetime(2026, 4, 9, 6, 0)

    @classmethod
    def _setup_portal_parties(cls, login_prefix):
        """Two customs agents, each with a portal clerk (``portal_a`` works
        for ``cha``, ``portal_b`` for ``cha_b``), and a shipment each with
        its tasks generated."""
        cls.cha_b = cls.env["res.partner"].create(
            {"name": "Other CHA", "is_company": True, "email": "b@example.com"}
        )
        cls.clerk_a, cls.clerk_b = cls.env["res.partner"].create(
            [
                {"name": "Clerk A", "parent_id": cls.cha.id, "email": "a1@example.com"},
                {
                    "name": "Clerk B",
                    "parent_id": cls.cha_b.id,
                    "email": "b1@example.com",
                },
            ]
        )
        cls.portal_a, cls.portal_b = (
            new_test_user(
                cls.env,
                login=f"{login_prefix}_{suffix}",
                password=f"{login_prefix}_{suffix}",
                groups="base.group_portal",
                partner_id=clerk.id,
            )
            for suffix, clerk in (("a", cls.clerk_a), ("b", cls.clerk_b))
        )
        # Task types the test created without a rule go to every shipment.
        task_types = cls.env["oms.export.task.type"].search([])
        task_types.filtered(lambda t: not t.rule_ids.filtered("active")).rule_ids = [
            cls._rule_vals()
        ]
        cls.shipment_a = cls._create_shipment(booking_number="BOOK-A")
        cls.shipment_b = cls._create_shipment(
            cha_id=cls.cha_b.id, booking_number="BOOK-B"
        )
        (cls.shipment_a | cls.shipment_b)._oms_generate_tasks()

    @classmethod
    def _rule_vals(cls, domain="[]", **vals):
        """An ``oms.rule`` to create from a task or document type's
        ``rule_ids`` (its type, model and event follow from the payload)."""
        return Command.create({"name": f"Rule {domain}", "domain": domain, **vals})

    @classmethod
    def _incoterm(cls, code):
        return cls.env.ref(f"account.incoterm_{code}")

    @classmethod
    def _create_shipment(cls, **vals):
        """A sea shipment CIF Hamburg with every service party and dates."""
        return cls.env["oms.export.shipment"].create(
            {
                "partner_id": cls.customer_de.id,
                "mode": "sea",
                "incoterm_id": cls.incoterm_cif.id,
                "incoterm_place": "Hamburg",
                "place_receipt": "Pune",
                "port_loading": "INNSA",
                "port_discharge": "DEHAM",
                "warehouse_id": cls.warehouse.id,
                "cha_id": cls.cha.id,
                "transporter_id": cls.transporter.id,
                "forwarder_id": cls.forwarder.id,
                "shipping_line_id": cls.shipping_line.id,
                "bank_id": cls.bank.id,
                "date_cutoff": cls.cutoff,
                "etd": cls.etd,
                "eta": cls.eta,
                **vals,
            }
        )
