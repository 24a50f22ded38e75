# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, models

# Indian export documents classify goods under the 8-digit ITC-HS.
ITC_HS_RE = re.compile(r"^\d{8}$")


class OmsExportDocumentReport(models.AbstractModel):
    """The checks of ``REQUIRED_DATA``: ``_check_<datum>(shipment)`` returns
    the labels of what ``shipment`` lacks for that datum (empty: there)."""

    _inherit = "oms.export.document.report"

    def _label(self, shipment, fname):
        return shipment._fields[fname]._description_string(self.env)

    @api.model
    def _check_orders(self, shipment):
        return [] if shipment.sale_order_ids else [self.env._("sales orders")]

    @api.model
    def _check_incoterm(self, shipment):
        if shipment.incoterm_id and shipment.incoterm_place:
            return []
        return [self.env._("incoterm and named place")]

    @api.model
    def _check_consignee(self, shipment):
        return [] if shipment.consignee_id else [self.env._("consignee")]

    @api.model
    def _check_ports(self, shipment):
        # By road or rail the goods leave from the place of receipt.
        if shipment.mode in ("road", "rail"):
            fnames = ("place_receipt",)
        else:
            fnames = ("port_loading", "port_discharge")
        return [self._label(shipment, f) for f in fnames if not shipment[f]]

    @api.model
    def _check_vessel(self, shipment):
        fnames = ("vessel", "voyage") if shipment.mode == "sea" else ("vessel",)
        return [self._label(shipment, f) for f in fnames if not shipment[f]]

    @api.model
    def _check_bl(self, shipment):
        return [
            self._label(shipment, fname)
            for fname in ("bl_number", "bl_date")
            if not shipment[fname]
        ]

    @api.model
    def _check_posted_invoice(self, shipment):
        if shipment._get_posted_invoices():
            return []
        return [self.env._("posted customer invoice")]

    @api.model
    def _check_exporter_codes(self, shipment):
        company = shipment.company_id
        missing = [] if company.vat else [self.env._("exporter GSTIN / tax ID")]
        if company.country_id.code == "IN" and not company.oms_iec_code:
            missing.append(self.env._("exporter IEC"))
        return missing

    @api.model
    def _check_signatory(self, shipment):
        if shipment.company_id.oms_export_signatory:
            return []
        return [self.env._("signatory (export settings)")]

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
    def _check_marks(self, shipment):
        if shipment.marks_and_numbers:
            return []
        return [self._label(shipment, "marks_and_numbers")]

    @api.model
    def _check_packages(self, shipment):
        return [] if shipment.package_ids else [self.env._("packages")]

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

    @api.model
    def _check_volume(self, shipment):
        return [] if shipment.volume else [self.env._("volume")]

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

    @api.model
    def _check_original_bls(self, shipment):
        if shipment.original_bl_count > 0:
            return []
        return [self._label(shipment, "original_bl_count")]

    @api.model
    def _check_insured_value(self, shipment):
        if shipment._get_document_amount() > 0:
            return []
        return [self.env._("invoice value to insure")]

    @api.model
    def _check_insurance_clauses(self, shipment):
        if shipment.insurance_clauses:
            return []
        return [self._label(shipment, "insurance_clauses")]

    @api.model
    def _check_insurance_policy(self, shipment):
        return [
            self._label(shipment, fname)
            for fname in ("insurance_policy_number", "insurance_date")
            if not shipment[fname]
        ]

    @api.model
    def _check_origin_criterion(self, shipment):
        if shipment.origin_criterion:
            return []
        return [self._label(shipment, "origin_criterion")]

    @api.model
    def _check_bank(self, shipment):
        if shipment._get_party_partner("bank"):
            return []
        return [self.env._("bank")]
