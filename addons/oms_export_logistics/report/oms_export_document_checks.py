# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, models

from .oms_export_document_requirements import REQUIRED_DATA

# Indian export documents classify goods under the 8-digit ITC-HS.
ITC_HS_RE = re.compile(r"^\d{8}$")


# Data of ``REQUIRED_DATA`` that are fields of the shipment: missing when
# empty, named by the field's label. A callable picks the fields by mode.
FIELD_DATA = {
    # By road or rail the goods leave from the place of receipt.
    "ports": lambda shipment: (
        ("place_receipt",)
        if shipment.mode in ("road", "rail")
        else ("port_loading", "port_discharge")
    ),
    "vessel": lambda shipment: (
        ("vessel", "voyage") if shipment.mode == "sea" else ("vessel",)
    ),
    "bl": ("bl_number", "bl_date"),
    "marks": ("marks_and_numbers",),
    "original_bls": ("original_bl_count",),
    "insurance_clauses": ("insurance_clauses",),
    "insurance_policy": ("insurance_policy_number", "insurance_date"),
    "origin_criterion": ("origin_criterion",),
}
# Printed texts named by the field users fill in.
LABEL_FIELDS = {
    "port_loading": "port_loading_id",
    "port_discharge": "port_discharge_id",
}


class OmsExportDocumentReport(models.AbstractModel):
    """The checks of ``REQUIRED_DATA``, table-driven: fields of the shipment
    (``FIELD_DATA``), one condition each (``_get_condition_checks``), and
    ``_check_<datum>(shipment)`` for the data that need more. Each returns
    the labels of what ``shipment`` lacks for that datum (empty: there)."""

    _inherit = "oms.export.document.report"

    def _label(self, shipment, fname):
        fname = LABEL_FIELDS.get(fname, fname)
        return shipment._fields[fname]._description_string(self.env)

    @api.model
    def _get_missing_data_for(self, code, shipment):
        """Labels of the data ``shipment`` lacks for document type ``code``."""
        conditions = self._get_condition_checks()
        missing = []
        for datum in REQUIRED_DATA.get(code, ()):
            missing += self._check_datum(datum, shipment, conditions)
        return missing

    @api.model
    def _check_datum(self, datum, shipment, conditions):
        fnames = FIELD_DATA.get(datum)
        if fnames is not None:
            if callable(fnames):
                fnames = fnames(shipment)
            return [self._label(shipment, f) for f in fnames if not shipment[f]]
        if datum in conditions:
            holds, label = conditions[datum]
            return [] if holds(shipment) else [label]
        return getattr(self, f"_check_{datum}")(shipment)

    @api.model
    def _get_condition_checks(self):
        """``{datum: (condition on the shipment, label when it fails)}``."""
        return {
            "orders": (lambda s: s.sale_order_ids, self.env._("sales orders")),
            "incoterm": (
                lambda s: s.incoterm_id and s.incoterm_place,
                self.env._("incoterm and named place"),
            ),
            "consignee": (lambda s: s.consignee_id, self.env._("consignee")),
            "posted_invoice": (
                lambda s: s._get_posted_invoices(),
                self.env._("posted customer invoice"),
            ),
            "signatory": (
                lambda s: s.company_id.oms_export_signatory,
                self.env._("signatory (export settings)"),
            ),
            "packages": (lambda s: s.package_ids, self.env._("packages")),
            "volume": (lambda s: s.volume, self.env._("volume")),
            "insured_value": (
                lambda s: s._get_document_amount() > 0,
                self.env._("invoice value to insure"),
            ),
            "bank": (lambda s: s._get_party_partner("bank"), self.env._("bank")),
        }

    @api.model
    def _check_exporter_codes(self, shipment):
        company = shipment.company_id
        missing = [] if company.vat else [self.env._("exporter GSTIN / tax ID")]
        if company.country_id.code == "IN" and not company.oms_iec_code:
            missing.append(self.env._("exporter IEC"))
        return missing

    @api.model
    def _check_origin(self, shipment):
        products = [
            line["product"]
            for line in self._get_lines(shipment)
            if not line["product_id"].country_of_origin
        ]
        if not products:
            return []
        return [self.env._("country of origin of %s", ", ".join(products))]

    @api.model
    def _check_hs_codes(self, shipment):
        lines = self._get_lines(shipment)
        if not lines:
            return [self.env._("goods")]
        indian = shipment.company_id.country_id.code == "IN"
        wrong = [
            line["product"]
            for line in lines
            if not line["hs_code"]
            or (indian and not ITC_HS_RE.match(line["hs_code"].replace(".", "")))
        ]
        if not wrong:
            return []
        if indian:
            return [self.env._("8-digit ITC-HS code of %s", ", ".join(wrong))]
        return [self.env._("HS code of %s", ", ".join(wrong))]

    @api.model
    def _check_package_types(self, shipment):
        untyped = shipment.package_ids.filtered(lambda p: not p.package_type_id)
        if not untyped:
            return []
        return [
            self.env._(
                "package type (dimensions) of %s", ", ".join(untyped.mapped("name"))
            )
        ]

    @api.model
    def _check_weights(self, shipment):
        packages = shipment.package_ids
        missing = []
        if not packages or any(not p.shipping_weight for p in packages):
            missing.append(self.env._("gross weight of every package"))
        if not packages or any(not p.oms_net_weight for p in packages):
            missing.append(self.env._("net weight of every package"))
        return missing

    def _sea_containers(self, shipment):
        return shipment.container_ids if shipment.mode == "sea" else None

    # A sea shipment without containers is break-bulk or groupage (LCL):
    # only the containers it has are checked.

    @api.model
    def _check_containers_sealed(self, shipment):
        containers = self._sea_containers(shipment)
        if not containers:
            return []
        unsealed = containers.filtered(lambda c: not c.seal_number)
        if not unsealed:
            return []
        return [self.env._("seal of %s", ", ".join(unsealed.mapped("name")))]

    @api.model
    def _check_container_types(self, shipment):
        containers = self._sea_containers(shipment)
        if not containers:
            return []
        untyped = containers.filtered(lambda c: not c.container_type_id)
        if not untyped:
            return []
        return [self.env._("type of %s", ", ".join(untyped.mapped("name")))]

    @api.model
    def _check_containers_vgm(self, shipment):
        containers = self._sea_containers(shipment)
        if containers is None:
            return []
        if not containers:
            return [self.env._("containers")]
        missing = []
        for container in containers:
            lacking = [
                container._fields[fname]._description_string(self.env)
                for fname in (
                    "seal_number",
                    "container_type_id",
                    "cargo_weight",
                    "vgm_method",
                    "vgm_weight",
                    "vgm_signatory",
                    "vgm_date",
                )
                if not container[fname]
            ]
            if lacking:
                missing.append(f"{container.name}: {', '.join(lacking)}")
        return missing
