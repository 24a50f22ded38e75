# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from odoo.tests import tagged

from .common import OmsCoreCommon

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.2.1" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestPaymentHoldMigration(OmsCoreCommon):
    def _migrate(self, version):
        spec = importlib.util.spec_from_file_location("oms_hold_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, version)
        self.env.invalidate_all()

    def test_engine_releases_marked_automatic(self):
        order = self._create_order()
        order.action_confirm()
        Hold = self.env["oms.order.hold"]
        by_engine, by_person, active = Hold.create(
            [{"order_id": order.id, "message": f"Hold {i}"} for i in range(3)]
        )
        by_engine._release("The rule no longer applies.", automatic=True)
        by_person.with_user(self.oms_manager).action_release("Known customer")
        # The previous layout: no hold says whether the system closed it.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE oms_order_hold SET auto_released = NULL WHERE id IN %s",
            [tuple((by_engine | by_person | active).ids)],
        )
        self._migrate("18.0.1.2.0")
        self.assertTrue(by_engine.auto_released)
        self.assertFalse(by_person.auto_released)
        self.assertEqual(by_person.state, "released")
        self.assertFalse(active.auto_released)
        self.assertEqual(active.state, "active")
        # Run again: nothing changes.
        self._migrate("18.0.1.2.0")
        self.assertTrue(by_engine.auto_released)
        self.assertFalse(by_person.auto_released)
