# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import OmsExportCommon


@tagged("post_install", "-at_install")
class TestPickingShipmentCompany(OmsExportCommon):
    """A delivery's export shipments are checked against its company when
    written, not re-read at each validation of the delivery."""

    def test_delivery_linked_to_another_company_shipment_refused(self):
        company_b = self.env["res.company"].create({"name": "OMS Export Picking B"})
        user = new_test_user(
            self.env,
            login="oms_picking_company_user",
            groups="stock.group_stock_user,oms_core.group_oms_user",
            company_ids=[Command.set((self.env.company | company_b).ids)],
        )
        shipment_b = self.env["oms.export.shipment"].create(
            {
                "partner_id": self.customer_de.id,
                "mode": "sea",
                "company_id": company_b.id,
            }
        )
        order = self._create_order()
        order.action_confirm()
        picking = order.picking_ids.with_user(user).with_context(
            allowed_company_ids=[self.env.company.id, company_b.id]
        )
        with self.assertRaises(UserError) as error:
            picking.write({"oms_export_shipment_ids": [Command.link(shipment_b.id)]})
        self.assertIn("Incompatible companies", str(error.exception))
        picking.invalidate_recordset()
        self.assertFalse(picking.oms_export_shipment_ids)
        # A delivery of its own company's shipment validates as before.
        shipment = self._create_shipment()
        order.picking_ids.write(
            {"oms_export_shipment_ids": [Command.link(shipment.id)]}
        )
        self._deliver(order)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.picking_ids.oms_export_shipment_ids, shipment)
