# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Run by check_upgrade.sh through `odoo shell`, which gives ``env``, on the
# upgraded database: the finance code works on the migrated records. Nothing
# is committed.
# ruff: noqa: F821


def check(condition, what):
    if not condition:
        raise SystemExit(f"finance action failed: {what}")


policy = env.ref("oms_finance.oms_invoice_policy_shipment_demo")
check(policy.read(["trigger"])[0]["trigger"] == "on_shipment", "read a policy")
order = env.ref("oms_core.sale_order_shipped_demo")
check(order.invoice_status == "to invoice", "a shipped demo order to invoice")
company = order.company_id
order = order.with_company(company).with_context(allowed_company_ids=company.ids)
order.action_oms_create_invoice()
invoice = order.invoice_ids.filtered(lambda move: move.move_type == "out_invoice")
check(invoice.oms_shipment_ref, "invoice the order with its shipment references")
returns = env.ref("oms_finance.oms_return_request_damaged_demo")
check(returns.state == "confirmed" and returns.line_ids, "the demo return")
env.cr.rollback()
print("FINANCE ACTION OK")
