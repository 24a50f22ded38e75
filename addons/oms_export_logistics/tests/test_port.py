# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OmsExportCommon

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.3.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestPort(OmsExportCommon):
    """Ports as UN/LOCODE records, and the printed texts that follow them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nhava_sheva = cls.env.ref("oms_export_logistics.oms_port_innsa")
        cls.hamburg = cls.env.ref("oms_export_logistics.oms_port_deham")
        cls.mundra = cls.env.ref("oms_export_logistics.oms_port_inmun")

    def test_code_validated(self):
        Port = self.env["oms.port"]
        for code in ("INNS", "innsa", "IN-SA", "INNS1", "XXABC"):
            with self.subTest(code=code), self.assertRaises(ValidationError):
                Port.create({"code": code, "name": "Wrong"})
        port = Port.create({"code": "FRLEH", "name": "Le Havre"})
        self.assertEqual(port.country_id, self.env.ref("base.fr"))
        self.assertEqual(port.display_name, "FRLEH (Le Havre)")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            Port.create({"code": "FRLEH", "name": "Le Havre again"})

    def test_only_managers_edit_ports(self):
        self.assertTrue(self.nhava_sheva.with_user(self.salesman).display_name)
        with self.assertRaises(AccessError):
            self.nhava_sheva.with_user(self.oms_user).write({"name": "Elsewhere"})
        self.assertEqual(self.nhava_sheva.name, "Nhava Sheva")
        self.nhava_sheva.with_user(self.oms_manager).name = "Nhava Sheva (JNPT)"
        self.assertEqual(self.nhava_sheva.name, "Nhava Sheva (JNPT)")

    def test_text_links_port_and_port_sets_text(self):
        # Written as text (the fixture, an import, an older client): linked.
        shipment = self._create_shipment()
        self.assertEqual(shipment.port_loading_id, self.nhava_sheva)
        self.assertEqual(shipment.port_discharge_id, self.hamburg)
        # The text stays as written: documents print what was typed.
        self.assertEqual(shipment.port_loading, "INNSA")
        # Choosing a port rewords its text only.
        shipment.port_loading_id = self.mundra
        self.assertEqual(shipment.port_loading, "INMUN (Mundra)")
        self.assertEqual(shipment.port_discharge, "DEHAM")
        # By name, and a text naming no port keeps the port it had.
        shipment.port_discharge = "Hamburg"
        self.assertEqual(shipment.port_discharge_id, self.hamburg)
        shipment.port_discharge = "Hamburg, Burchardkai terminal"
        self.assertEqual(shipment.port_discharge_id, self.hamburg)
        self.assertEqual(shipment.port_discharge, "Hamburg, Burchardkai terminal")
        shipment.port_loading_id = False
        self.assertFalse(shipment.port_loading)

    def test_document_facts_read_the_text(self):
        shipment = self._create_shipment()
        shipment.write({"port_loading_id": self.mundra.id, "port_discharge_id": False})
        self.assertEqual(shipment.port_loading, "INMUN (Mundra)")
        facts = self.env["oms.export.document.report"]._get_shipment_facts(
            shipment,
            self.env["oms.export.document.report"]._get_document_values(shipment),
        )
        self.assertEqual(facts["port_loading"], "INMUN (Mundra)")
        self.assertIsNone(facts["port_discharge"])

    def test_migration_links_free_texts(self):
        shipments = self._create_shipment() | self._create_shipment()
        # The previous layout: texts only.
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE oms_export_shipment SET port_loading_id = NULL,
                      port_discharge_id = NULL,
                      port_loading = CASE WHEN id = %s THEN 'INMUN (Mundra)'
                                     ELSE 'FRLEH (Le Havre)' END,
                      port_discharge = CASE WHEN id = %s THEN 'BOM (Mumbai)'
                                       ELSE 'Rotterdam' END
                WHERE id IN %s""",
            [shipments[0].id, shipments[0].id, tuple(shipments.ids)],
        )
        shipments.invalidate_recordset()
        spec = importlib.util.spec_from_file_location("oms_port_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.2.0")
        shipments.invalidate_recordset()
        first, second = shipments
        self.assertEqual(first.port_loading_id, self.mundra)
        self.assertEqual(
            first.port_discharge_id, self.env.ref("oms_export_logistics.oms_port_inbom")
        )
        self.assertEqual(second.port_loading_id.code, "FRLEH")
        self.assertEqual(second.port_loading_id.name, "Le Havre")
        self.assertEqual(second.port_discharge_id.code, "NLRTM")
        # The texts the documents printed are unchanged.
        self.assertEqual(
            shipments.mapped("port_loading"), ["INMUN (Mundra)", "FRLEH (Le Havre)"]
        )
        self.assertEqual(
            shipments.mapped("port_discharge"), ["BOM (Mumbai)", "Rotterdam"]
        )
