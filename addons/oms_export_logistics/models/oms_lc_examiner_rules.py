# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the letter of credit examiner (``oms.lc.examiner``) checks: the
kinds of discrepancy with their UCP 600 articles, the facts compared across
documents and the documents examined, and how values are compared."""

import re
from collections import Counter

from odoo.tools import float_compare

# The kinds of discrepancy the examiner reports, with the UCP 600 article a
# bank cites for each. The kind is the stable key (tests, filters); the
# article is what the exporter reads on the discrepancy list.
DISCREPANCY_KINDS = {
    "document_missing": ("Document called for not presented", "UCP 600 art. 14 a"),
    "conflict_consignee": ("Consignee conflicts", "UCP 600 art. 14 d, 14 j"),
    "conflict_notify": ("Notify party conflicts", "UCP 600 art. 14 d, 14 j"),
    "conflict_goods_description": (
        "Goods description conflicts",
        "UCP 600 art. 14 d, 14 e",
    ),
    "goods_description": (
        "Invoice goods description does not correspond with the credit",
        "UCP 600 art. 18 c",
    ),
    "conflict_quantity": ("Quantity conflicts", "UCP 600 art. 14 d"),
    "conflict_packages": ("Number of packages conflicts", "UCP 600 art. 14 d"),
    "conflict_gross_weight": ("Gross weight conflicts", "UCP 600 art. 14 d"),
    "conflict_net_weight": ("Net weight conflicts", "UCP 600 art. 14 d"),
    "conflict_marks": ("Shipping marks conflict", "UCP 600 art. 14 d"),
    "conflict_amount": ("Amount conflicts", "UCP 600 art. 14 d"),
    "conflict_currency": ("Currency conflicts", "UCP 600 art. 14 d"),
    "conflict_lc_number": ("Credit number conflicts", "UCP 600 art. 14 d"),
    "conflict_port_loading": ("Port of loading conflicts", "UCP 600 art. 14 d"),
    "conflict_port_discharge": ("Port of discharge conflicts", "UCP 600 art. 14 d"),
    "conflict_vessel": ("Vessel conflicts", "UCP 600 art. 14 d"),
    "conflict_shipment_date": ("Shipment date conflicts", "UCP 600 art. 14 d"),
    "port_loading": (
        "Port of loading not the one of the credit",
        "UCP 600 art. 20 a iii",
    ),
    "port_discharge": (
        "Port of discharge not the one of the credit",
        "UCP 600 art. 20 a iii",
    ),
    "invoice_currency": (
        "Invoice not in the currency of the credit",
        "UCP 600 art. 18 a iii",
    ),
    "amount_over_credit": ("Amount over the credit", "UCP 600 art. 18 b, 30"),
    "quantity_tolerance": ("Quantity outside the tolerance", "UCP 600 art. 30 a, 30 b"),
    "partial_shipment": (
        "Partial shipment or drawing prohibited by the credit",
        "UCP 600 art. 31 a, 30 c",
    ),
    "no_shipment_date": ("No shipment date", "UCP 600 art. 20 a ii"),
    "late_shipment": ("Shipped after the latest shipment date", "UCP 600 art. 20 a ii"),
    "transshipment": ("Transshipment prohibited by the credit", "UCP 600 art. 20 c"),
    "late_presentation": (
        "Presented after the presentation period",
        "UCP 600 art. 14 c, 29 a",
    ),
    "expired": ("Presented after the expiry date", "UCP 600 art. 6 d, 6 e, 29 a"),
    "document_date": ("Document dated after presentation", "UCP 600 art. 14 i"),
    "insurance_missing": ("Insured amount not stated", "UCP 600 art. 28 f ii"),
    "insurance_under": ("Insurance cover too low", "UCP 600 art. 28 f ii"),
    "insurance_currency": (
        "Insurance not in the currency of the credit",
        "UCP 600 art. 28 f i",
    ),
    "insurance_late": ("Insurance effective after shipment", "UCP 600 art. 28 e"),
}
# Facts compared across the documents (UCP 600 art. 14 d) and the document
# whose value wins when no majority says otherwise: the transport document
# for the carriage, the invoice for the goods and money, the packing list
# for the packing.
CONSISTENCY_FIELDS = {
    "consignee": "bl_record",
    "notify": "bl_record",
    "goods_description": "commercial_invoice",
    "quantity": "commercial_invoice",
    "packages": "packing_list",
    "gross_weight": "packing_list",
    "net_weight": "packing_list",
    "marks": "packing_list",
    "amount": "commercial_invoice",
    "currency": "commercial_invoice",
    "lc_number": "commercial_invoice",
    "port_loading": "bl_record",
    "port_discharge": "bl_record",
    "vessel": "bl_record",
    "shipment_date": "bl_record",
}
NUMERIC_FIELDS = {"quantity", "packages", "gross_weight", "net_weight", "amount"}
TRANSPORT_DOCUMENT = "bl_record"
# Their consignee is the one the credit requires ("to the order of" the
# issuing bank), which the other documents need not repeat.
TRANSPORT_DOCUMENTS = {"bl_record", "shipping_instructions"}
INVOICE = "commercial_invoice"
INSURANCE_DOCUMENTS = {"insurance_certificate", "insurance_request"}
# The draft and its cover letter are drawn under every credit, listed or not.
ALWAYS_EXAMINED = {"bank_cover_letter"}
# Papers between the exporter and its carrier, insurer or buyer: examined
# only when the credit calls for them.
NOT_PRESENTED = {
    "proforma_invoice",
    "shipping_instructions",
    "insurance_request",
    "vgm_declaration",
}


def normalise(value):
    """Text compared as a bank reads it: case, spacing and punctuation do
    not make two statements conflict."""
    return " ".join(re.sub(r"[^\w]+", " ", str(value).casefold()).split())


def get_reference(stated, primary, fname):
    """The value most documents state; on a tie, the primary
    document's (else the first stating one)."""
    keys = {code: _key(fname, value) for code, value in stated.items()}
    counts = Counter(keys.values()).most_common()
    best = [key for key, count in counts if count == counts[0][1]]
    if len(best) == 1:
        return next(stated[c] for c, k in keys.items() if k == best[0])
    return stated.get(primary, next(iter(stated.values())))


def _key(fname, value):
    if fname in NUMERIC_FIELDS:
        return round(float(value), 3)
    if fname == "shipment_date":
        return value
    return normalise(value)


def agrees(fname, value, reference):
    if fname in NUMERIC_FIELDS:
        return float_compare(float(value), float(reference), 3) == 0
    if fname == "goods_description":
        # Other documents may describe the goods in general terms not
        # conflicting with the credit (art. 14 e).
        mine, theirs = normalise(value), normalise(reference)
        return mine in theirs or theirs in mine
    return _key(fname, value) == _key(fname, reference)
