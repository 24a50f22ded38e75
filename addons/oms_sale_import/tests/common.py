# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tools import file_open

from odoo.addons.oms_core.tests.common import OmsCoreCommon


def read_sample(filename):
    with file_open(f"oms_sale_import/tests/files/{filename}", "rb") as sample:
        return sample.read()


class OmsSaleImportCommon(OmsCoreCommon):
    """A German customer with its PO layout, item codes and a dock
    delivery address; our products with internal references."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        eur = cls.env.ref("base.EUR")
        eur.active = True
        cls.pricelist_eur = cls.env["product.pricelist"].create(
            {"name": "EUR export", "currency_id": eur.id}
        )
        cls.customer_de.write(
            {
                "is_company": True,
                "property_product_pricelist": cls.pricelist_eur.id,
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Anna Schmidt",
                "parent_id": cls.customer_de.id,
                "email": "anna.schmidt@hamburg-maschinenbau.example",
            }
        )
        cls.dock = cls.env["res.partner"].create(
            {
                "name": "Hamburg Container Dock",
                "parent_id": cls.customer_de.id,
                "type": "delivery",
                "ref": "HAMBURG-DOCK",
                "city": "Hamburg",
                "country_id": cls.env.ref("base.de").id,
            }
        )
        cls.product.default_code = "OMS-VALVE-50"
        cls.product_b.default_code = "OMS-PUMP-H"
        cls.env["oms.customer.product.code"].create(
            [
                {
                    "partner_id": cls.customer_de.id,
                    "code": "HM-VALVE-50",
                    "product_id": cls.product.id,
                },
                {
                    "partner_id": cls.customer_de.id,
                    "code": "HM-PUMP-H",
                    "product_id": cls.product_b.id,
                },
            ]
        )
        cls.layout = cls.env["oms.po.layout"].create(
            {
                "name": "Hamburg Maschinenbau PO",
                "partner_id": cls.customer_de.id,
                "col_item_code": "Item No",
                "col_quantity": "Qty",
                "col_requested_date": "Delivery Date",
                "col_po_ref": "PO Number",
                "col_ship_to": "Ship To",
                "col_incoterm": "Incoterm",
                "col_incoterm_place": "Named Place",
            }
        )

    def _wizard(self, filename, content, import_type=None, partner=None, **vals):
        importer = self.env["sale.order.import"]
        return importer.create(
            {
                "import_type": import_type or importer._oms_import_type_for(filename),
                "order_file": base64.b64encode(content),
                "order_filename": filename,
                "partner_id": (partner or self.customer_de).id,
                **vals,
            }
        )

    def _import(self, filename, content=None, **vals):
        """Import a file as the back office does; the created order."""
        content = read_sample(filename) if content is None else content
        action = self._wizard(filename, content, **vals).import_order_button()
        return self.env[action["res_model"]].browse(action["res_id"])

    @staticmethod
    def _csv(rows, header="PO Number,Item No,Qty,Delivery Date"):
        return ("\n".join([header, *rows]) + "\n").encode()
