# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.oms_core.tests.common import OmsCoreCommon

from .common import complete_document_data, shipped_rules, walk_shipment_to


class OmsDocumentCommon(OmsCoreCommon):
    """Export documents and letters of credit fixtures: banks, a CIF order to
    Hamburg, a letter of credit for it, and shipment builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # OmsCoreCommon archives every rule: these tests judge the shipped
        # document and task rules.
        shipped_rules(cls.env, ["require_document", "create_task"]).active = True
        cls.Shipment = cls.env["oms.export.shipment"]
        cls.DocType = cls.env["oms.export.document.type"]
        cls.incoterm_fob = cls.env.ref("account.incoterm_FOB")
        cls.payment_30 = cls.env.ref("account.account_payment_term_30days")
        cls.payment_now = cls.env.ref("account.account_payment_term_immediate")
        cls.issuing_bank = cls.env["res.partner"].create(
            {
                "name": "Hanseatische Handelsbank AG",
                "email": "lc@handelsbank.example.com",
                "country_id": cls.env.ref("base.de").id,
            }
        )
        cls.advising_bank = cls.env["res.partner"].create(
            {
                "name": "Konkan Export Bank, Fort Branch",
                "email": "trade@konkanbank.example.com",
                "country_id": cls.env.ref("base.in").id,
            }
        )
        cls.customer_de.email = "imports@hamburg-maschinenbau.example.com"
        cls.customer_us = cls.env["res.partner"].create(
            {
                "name": "Lakeside Pumps Inc",
                "city": "Chicago",
                "country_id": cls.env.ref("base.us").id,
                "email": "buying@lakeside.example.com",
            }
        )
        cls.order = cls._create_order(
            payment_term_id=cls.payment_30.id, incoterm_location="Hamburg"
        )
        cls.order.action_confirm()
        cls.currency = cls.order.currency_id
        # The user's today, as the documents are dated.
        cls.today = fields.Date.context_today(cls.env.user)
        cls.credit = cls.env["oms.letter.credit"].create(
            {
                "name": "HHB-LC-2026-0042",
                "applicant_id": cls.customer_de.id,
                "issuing_bank_id": cls.issuing_bank.id,
                "advising_bank_id": cls.advising_bank.id,
                "amount": cls.order.amount_total,
                "currency_id": cls.currency.id,
                "tolerance": 5.0,
                "latest_shipment_date": cls.today + timedelta(days=20),
                "expiry_date": cls.today + timedelta(days=60),
                "sale_order_ids": [Command.set(cls.order.ids)],
            }
        )
        cls.credit.action_open()

    @classmethod
    def _doc_type(cls, code):
        return cls.env.ref(f"oms_export_logistics.oms_export_document_type_{code}")

    @classmethod
    def _create_shipment(cls, orders=None, containers=(), **vals):
        orders = orders if orders is not None else cls.order
        # Documents are prepared only with complete data: the shipments of
        # these tests have it (tests of incomplete data create their own).
        complete = vals.pop("complete_data", True)
        shipment = cls.Shipment.create(
            {
                "partner_id": (orders.partner_id[:1] or cls.customer_de).id,
                "sale_order_ids": [Command.set(orders.ids)],
                "incoterm_id": cls.incoterm_cif.id,
                "incoterm_place": "Hamburg",
                "mode": "sea",
                "container_ids": [Command.create({"name": n}) for n in containers],
                **vals,
            }
        )
        return complete_document_data(shipment) if complete else shipment

    def _codes(self, shipment, mandatory=None):
        documents = shipment.document_ids
        if mandatory is not None:
            documents = documents.filtered(lambda d: d.mandatory == mandatory)
        return set(documents.document_type_id.mapped("code"))

    def _ready_all(self, shipment):
        """Prepare and verify every document of ``shipment``."""
        shipment.action_prepare_documents()
        shipment.action_verify_documents()

    def _put_on_board(self, shipment):
        """Ready every document, then press the status buttons up to on
        board."""
        self._ready_all(shipment)
        return walk_shipment_to(shipment, "on_board")
