# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Master data of the benches, one definition for the in-process benches
(``bench_orders``) and the JSON-RPC one (``bench_throughput``), so that both
measure orders of the same customers and products."""


def customer_vals(tag, index, country_id):
    """A complete customer: data-quality rules have nothing to hold."""
    return {
        "name": f"Bench {tag} Customer {index:03d}",
        "is_company": True,
        "street": f"{index} Bench Street",
        "city": "Springfield",
        "zip": "12345",
        "country_id": country_id,
        "vat": f"BENCH{index:06d}",
        "email": f"bench.{tag}.{index}@example.com",
    }


def product_vals(tag, index):
    """A storable product invoiced on delivery, with its customs code."""
    return {
        "name": f"Bench {tag} Product {index:03d}",
        "default_code": f"BENCH-{tag}-{index:03d}",
        "type": "consu",
        "is_storable": True,
        "list_price": 10.0 + 7 * index,
        "invoice_policy": "delivery",
        "hs_code": "84818000",
    }
