# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What each export document cannot be prepared without.

``REQUIRED_DATA`` maps a document type code to the data it needs; each
datum is checked by ``oms.export.document.report._check_<datum>(shipment,
values)``, which returns the labels of what is missing (empty: complete).
A document type missing from the table needs nothing."""

REQUIRED_DATA = {
    "proforma_invoice": ("orders", "incoterm", "consignee"),
    "commercial_invoice": (
        "posted_invoice",
        "exporter_codes",
        "consignee",
        "incoterm",
        "ports",
        "origin",
        "hs_codes",
        "marks",
        "packages",
        "weights",
        "signatory",
    ),
    "packing_list": (
        "consignee",
        "marks",
        "packages",
        "package_types",
        "weights",
        "volume",
        "containers_sealed",
    ),
    "shipping_instructions": (
        "consignee",
        "ports",
        "incoterm",
        "marks",
        "packages",
        "weights",
        "volume",
        "container_types",
        "original_bls",
    ),
    "origin_certificate": (
        "posted_invoice",
        "consignee",
        "ports",
        "origin",
        "origin_criterion",
        "hs_codes",
        "marks",
        "packages",
        "weights",
        "signatory",
    ),
    "insurance_request": ("ports", "vessel", "insured_value", "insurance_clauses"),
    "vgm_declaration": ("containers_vgm",),
    "bl_record": (
        "bl",
        "consignee",
        "ports",
        "vessel",
        "marks",
        "packages",
        "weights",
        "containers_sealed",
        "original_bls",
    ),
    "bank_cover_letter": ("bank", "posted_invoice", "bl", "signatory"),
    "shipment_advice": (
        "bl",
        "ports",
        "vessel",
        "posted_invoice",
        "packages",
        "weights",
    ),
    "insurance_certificate": (
        "ports",
        "vessel",
        "insured_value",
        "insurance_policy",
        "insurance_clauses",
    ),
}

# The keys of the facts every document states (None when it does not):
# what the examination of a presentation compares across documents.
FACT_KEYS = (
    "consignee",
    "notify",
    "goods_description",
    "quantity",
    "packages",
    "gross_weight",
    "net_weight",
    "marks",
    "amount",
    "currency",
    "lc_number",
    "port_loading",
    "port_discharge",
    "vessel",
    "shipment_date",
    "document_date",
    "insured_amount",
    "insurance_effective_date",
    "transshipment",
    "containers",
)

# Which facts each document states, beyond the LC number, the ports, the
# vessel and the document date every document prints.
DOCUMENT_FACTS = {
    "proforma_invoice": ("consignee", "goods_description", "quantity", "amount"),
    "commercial_invoice": (
        "consignee",
        "notify",
        "goods_description",
        "quantity",
        "packages",
        "gross_weight",
        "net_weight",
        "marks",
        "amount",
    ),
    "packing_list": (
        "consignee",
        "notify",
        "goods_description",
        "quantity",
        "packages",
        "gross_weight",
        "net_weight",
        "marks",
    ),
    "shipping_instructions": (
        "consignee",
        "notify",
        "goods_description",
        "packages",
        "gross_weight",
        "marks",
    ),
    "origin_certificate": (
        "consignee",
        "goods_description",
        "quantity",
        "packages",
        "gross_weight",
        "marks",
    ),
    "insurance_request": ("goods_description", "insured_amount"),
    "vgm_declaration": (),
    "bl_record": (
        "consignee",
        "notify",
        "goods_description",
        "packages",
        "gross_weight",
        "marks",
        "shipment_date",
        "transshipment",
        "containers",
    ),
    "bank_cover_letter": ("amount",),
    "shipment_advice": (
        "goods_description",
        "packages",
        "gross_weight",
        "amount",
        "shipment_date",
    ),
    "insurance_certificate": (
        "goods_description",
        "insured_amount",
        "insurance_effective_date",
    ),
}
# Facts every document above states.
COMMON_FACTS = (
    "lc_number",
    "port_loading",
    "port_discharge",
    "vessel",
    "document_date",
)
