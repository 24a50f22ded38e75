# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command

from odoo.addons.oms_core.tests.common import OmsCoreCommon

# A Thursday: free time of 2+ working days crosses a weekend.
THURSDAY = date(2026, 3, 5)


class DdCommon(OmsCoreCommon):
    """Containers, tariffs and accounting set-up of the D&D tests, on the
    company's own currency so amounts need no conversion."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.company.currency_id
        cls.carrier = cls.env["res.partner"].create(
            {"name": "Test Ocean Line", "is_company": True}
        )
        cls.type_20 = cls.env.ref("oms_export_logistics.oms_container_type_20gp")
        cls.type_40 = cls.env.ref("oms_export_logistics.oms_container_type_40hc")
        # Existing tariffs (demo) must not compete with the tests' own.
        cls.env["oms.dd.tariff"].search([]).active = False
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "D&D test week (Mon-Fri)", "company_id": cls.company.id}
        )
        cls._setup_accounting()

    @classmethod
    def _setup_accounting(cls):
        Account = cls.env["account.account"]
        cls.expense_account = Account.create(
            {"name": "D&D expense", "code": "DDX001", "account_type": "expense"}
        )
        cls.accrual_account = Account.create(
            {
                "name": "D&D accrued",
                "code": "DDL001",
                "account_type": "liability_current",
            }
        )
        cls.income_account = Account.create(
            {"name": "D&D re-billed", "code": "DDI001", "account_type": "income"}
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "D&D accruals", "code": "DDA", "type": "general"}
        )
        cls.dd_product = cls.env["product.product"].create(
            {
                "name": "Demurrage and detention re-billed",
                "type": "service",
                "taxes_id": [Command.clear()],
                "property_account_income_id": cls.income_account.id,
            }
        )
        cls.company.write(
            {
                "dd_journal_id": cls.journal.id,
                "dd_expense_account_id": cls.expense_account.id,
                "dd_accrual_account_id": cls.accrual_account.id,
                "dd_product_id": cls.dd_product.id,
                "dd_warning_days": "3,1",
                "dd_projection_days": 7,
            }
        )

    @classmethod
    def _create_tariff(cls, clock_type="destination_demurrage", tiers=None, **vals):
        tiers = tiers or [(1, 4, 100.0), (5, 0, 200.0)]
        return cls.env["oms.dd.tariff"].create(
            {
                "name": f"Test {clock_type}",
                "clock_type": clock_type,
                "carrier_id": cls.carrier.id,
                "free_days": 5,
                "currency_id": cls.currency.id,
                "tier_ids": [
                    Command.create({"from_day": f, "to_day": t, "rate": r})
                    for f, t, r in tiers
                ],
                **vals,
            }
        )

    @classmethod
    def _incoterm_rule(cls, code, **matrix):
        """The matrix of ``code``, with ``matrix`` values (created if the
        incoterm data is not loaded)."""
        incoterm = cls.env.ref(f"account.incoterm_{code}")
        rule = cls.env["oms.incoterm.rule"].search([("incoterm_id", "=", incoterm.id)])
        if rule:
            rule.write(matrix)
        else:
            rule = cls.env["oms.incoterm.rule"].create(
                {"incoterm_id": incoterm.id, **matrix}
            )
        return rule

    @classmethod
    def _create_shipment(cls, incoterm="CIF", partner=None):
        return cls.env["oms.export.shipment"].create(
            {
                "partner_id": (partner or cls.customer_de).id,
                "incoterm_id": cls.env.ref(f"account.incoterm_{incoterm}").id,
                "incoterm_place": "Hamburg",
            }
        )

    @classmethod
    def _create_containers(cls, shipment, count=1, **vals):
        return cls.env["oms.export.container"].create(
            [
                {
                    "name": f"TSTU{shipment.id:03d}{index:04d}",
                    "shipment_id": shipment.id,
                    "container_type_id": cls.type_20.id,
                    "carrier_id": cls.carrier.id,
                    "origin_port": "INNSA",
                    "destination_port": "DEHAM",
                    **vals,
                }
                for index in range(count)
            ]
        )

    @staticmethod
    def _at(day, hour=10):
        return datetime(day.year, day.month, day.day, hour)

    def _clock(self, container, clock_type="destination_demurrage"):
        return container.dd_clock_ids.filtered(lambda c: c.clock_type == clock_type)
