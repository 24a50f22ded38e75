# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The OMS role matrix: who may create (c), read (r), write (w) and unlink (u)
records of every OMS model, as the access rights answer it
(``Model.with_user(user).has_access(operation)``).

This table IS the policy (docs/SECURITY.md explains it). A role missing from
a model's row has no right on it at all. Record rules narrow these rights
further (multi-company, portal parties); state transitions and the
``@api.ondelete`` refusals in the models are the second layer."""

OMS_MODULES = (
    "oms_core",
    "oms_finance",
    "oms_export_logistics",
    "oms_helpdesk",
    "oms_helpdesk_export",
    "oms_purchase",
    "oms_mrp",
    "oms_sale_import",
    "oms_sale_import_finance",
)

# role: the groups a test user of that role gets (and nothing else)
ROLES = {
    "oms_user": "oms_core.group_oms_user",
    "oms_manager": "oms_core.group_oms_manager",
    "salesman": "sales_team.group_sale_salesman",
    "stock_user": "stock.group_stock_user",
    "accountant": "account.group_account_invoice",
    "account_manager": "account.group_account_manager",
    "helpdesk_agent": "helpdesk_mgmt.group_helpdesk_user",
    "helpdesk_manager": "helpdesk_mgmt.group_helpdesk_manager",
    "portal_customer": "base.group_portal",
    # a CHA, transporter or bank: same group, narrowed by record rules
    "portal_party": "base.group_portal",
}
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}

_INTERNAL = (
    "oms_user",
    "oms_manager",
    "salesman",
    "stock_user",
    "accountant",
    "account_manager",
    "helpdesk_agent",
    "helpdesk_manager",
)
_PORTAL = ("portal_customer", "portal_party")


def _rights(default="", **per_role):
    """``default`` for every internal role, overridden per role."""
    return {role: per_role.get(role, default) for role in _INTERNAL} | {
        role: per_role[role] for role in _PORTAL if role in per_role
    }


# Who reads an order's OMS tracking (holds, stage history, fallouts, returns):
# everyone who works on the order, its delivery or its invoice.
_ORDER_TRACKING_READERS = {
    "salesman": "r",
    "stock_user": "r",
    "accountant": "r",
    "account_manager": "r",
}
# The finance desk: billing users (OMS users are billing users too).
_FINANCE = {
    "oms_user": "crw",
    "oms_manager": "crw",
    "accountant": "crw",
    "account_manager": "crw",
}
_FINANCE_LINES = {role: "crwu" for role in _FINANCE}
_OMS_WIZARD = {"oms_user": "crw", "oms_manager": "crw"}
# Who reads a shipment's file (legs, tasks, containers, documents): sales
# follows its customers' shipments, the billing desk presents them under
# letters of credit.
_SHIPMENT_FILE_READERS = {"salesman": "r", "accountant": "r", "account_manager": "r"}

MATRIX = {
    # --- oms_core: configuration (managers write, the job reads) ---
    # Accounting managers: invoice-policy rules only (record rule).
    "oms.rule": _rights(
        oms_user="r",
        oms_manager="crwu",
        **_ORDER_TRACKING_READERS | {"account_manager": "crwu"},
    ),
    "oms.reason": _rights("r", oms_manager="crwu"),
    "oms.fulfilment.strategy": _rights("r", oms_manager="crwu"),
    "oms.invoice.policy": _rights(
        oms_user="r",
        oms_manager="crwu",
        salesman="r",
        accountant="r",
        account_manager="crwu",
    ),
    # --- oms_core: order tracking (history: nobody deletes it) ---
    "oms.order.hold": _rights(
        **_ORDER_TRACKING_READERS
        | {"oms_user": "crw", "oms_manager": "crw", "salesman": "cr"}
    ),
    "oms.stage.history": _rights(
        oms_user="r", oms_manager="r", **_ORDER_TRACKING_READERS
    ),
    # The jeopardy scan's run log: the cron writes it, managers read it.
    "oms.jeopardy.scan": _rights(oms_manager="r"),
    "oms.fallout": _rights(oms_user="rw", oms_manager="rw", **_ORDER_TRACKING_READERS),
    # Background work: everyone reads (record rules: one's own, managers
    # their companies'); only the task's methods write.
    "oms.background.task": _rights("r"),
    "oms.background.task.chunk": _rights("r"),
    "oms.return.request": _rights(
        oms_user="crw", oms_manager="crwu", **_ORDER_TRACKING_READERS
    ),
    "oms.return.request.line": _rights(
        oms_user="crw", oms_manager="crwu", **_ORDER_TRACKING_READERS
    ),
    # --- oms_finance ---
    "oms.bill.presentation": _rights(
        oms_user="r",
        oms_manager="r",
        salesman="r",
        accountant="r",
        account_manager="r",
    ),
    "oms.cash.application": _rights(**_FINANCE),
    "oms.payment.deduction": _rights(**_FINANCE),
    "oms.receipt.forecast": _rights(
        oms_user="r", oms_manager="r", accountant="r", account_manager="r"
    ),
    "oms.kpi.order": _rights(
        oms_user="r", oms_manager="r", accountant="r", account_manager="r"
    ),
    # --- oms_finance: wizards ---
    "oms.credit.note.wizard": _rights(**_FINANCE),
    "oms.credit.note.wizard.line": _rights(**_FINANCE_LINES),
    "oms.kpi.dashboard": _rights(**_FINANCE),
    "oms.gl.transfer": _rights(**_FINANCE),
    "oms.ar.tieout": _rights(**_FINANCE),
    "oms.ar.tieout.line": _rights(**_FINANCE_LINES),
    "oms.ar.tieout.partner": _rights(**_FINANCE_LINES),
    "oms.hold.release": _rights(**_OMS_WIZARD),
    # the delivery override of a missing prepayment: managers only
    "oms.payment.override": _rights(oms_manager="crw"),
    "oms.rule.dry.run": _rights(oms_manager="crw"),
    "oms.order.cancel": _rights(**_OMS_WIZARD),
    "oms.order.change": _rights(**_OMS_WIZARD),
    "oms.order.change.line": _rights(**_OMS_WIZARD),
    "oms.dispatch.confirm": _rights(**_OMS_WIZARD),
    # --- oms_export_logistics: configuration ---
    "oms.incoterm.rule": _rights(oms_user="r", oms_manager="crw", salesman="r"),
    "oms.export.task.type": _rights(
        oms_user="r", oms_manager="crwu", portal_customer="r", portal_party="r"
    ),
    "oms.export.document.type": _rights(
        oms_user="r", oms_manager="crwu", **_SHIPMENT_FILE_READERS
    ),
    "oms.container.type": _rights(oms_user="r", oms_manager="crwu", salesman="r"),
    # UN/LOCODE ports: reference data every employee reads.
    "oms.port": _rights("r", oms_manager="crwu"),
    "oms.dd.tariff": _rights(oms_user="r", oms_manager="crwu"),
    "oms.dd.tariff.tier": _rights(oms_user="r", oms_manager="crwu"),
    # --- oms_export_logistics: shipments and what hangs on them ---
    "oms.export.shipment": _rights(
        oms_user="crw",
        oms_manager="crw",
        **_SHIPMENT_FILE_READERS,
        portal_customer="r",
        portal_party="r",
    ),
    "oms.export.shipment.leg": _rights(
        oms_user="crw",
        oms_manager="crwu",
        **_SHIPMENT_FILE_READERS,
        portal_customer="r",
        portal_party="r",
    ),
    "oms.export.task": _rights(
        oms_user="crw",
        oms_manager="crwu",
        **_SHIPMENT_FILE_READERS,
        portal_customer="r",
        portal_party="r",
    ),
    "oms.export.container": _rights(
        oms_user="crw", oms_manager="crwu", **_SHIPMENT_FILE_READERS
    ),
    "oms.export.document": _rights(
        oms_user="crw", oms_manager="crw", **_SHIPMENT_FILE_READERS
    ),
    "oms.letter.credit": _rights(
        oms_user="crw",
        oms_manager="crw",
        salesman="r",
        accountant="r",
        account_manager="r",
    ),
    "oms.lc.presentation": _rights(
        oms_user="crw",
        oms_manager="crw",
        salesman="r",
        accountant="rw",
        account_manager="rw",
    ),
    # KPI snapshots and breaches are written by the daily job; managers set targets
    "oms.kpi.snapshot": _rights(
        oms_user="r", oms_manager="r", accountant="r", account_manager="r"
    ),
    "oms.kpi.breach": _rights(
        oms_user="r", oms_manager="r", accountant="r", account_manager="r"
    ),
    "oms.kpi.target": _rights(
        oms_user="r", oms_manager="crwu", accountant="r", account_manager="r"
    ),
    # --- oms_sale_import ---
    "oms.customer.product.code": _rights(
        salesman="r", oms_user="crw", oms_manager="crwu"
    ),
    "oms.po.layout": _rights(salesman="r", oms_user="r", oms_manager="crwu"),
    "oms.po.intake": _rights(oms_user="rw", oms_manager="rwu"),
    # LC examinations are written by the submission itself (superuser)
    "oms.lc.examination": _rights(
        oms_user="r", oms_manager="r", salesman="r", accountant="r", account_manager="r"
    ),
    "oms.lc.discrepancy": _rights(
        oms_user="r", oms_manager="r", salesman="r", accountant="r", account_manager="r"
    ),
    # the accruals' basis: written by the scan and by managers' transitions
    # The D&D scan's run log: the cron writes it, managers read it.
    "oms.dd.scan": _rights(oms_manager="r"),
    "oms.dd.clock": _rights(
        oms_user="r",
        oms_manager="rw",
        salesman="r",
        accountant="r",
        account_manager="r",
    ),
    "oms.lc.presentation.submit": _rights(**_OMS_WIZARD),
    "oms.export.shipment.create": _rights(oms_user="crwu", oms_manager="crwu"),
    "oms.export.shipment.dispatch": _rights(oms_user="crwu", oms_manager="crwu"),
    # --- oms_helpdesk ---
    "oms.helpdesk.escalation.level": _rights("r", helpdesk_manager="crwu"),
    "oms.helpdesk.survey.policy": _rights("r", helpdesk_manager="crwu"),
    "oms.helpdesk.remedy": _rights("r", helpdesk_agent="cr", helpdesk_manager="crw"),
    "oms.satisfaction.report": _rights(helpdesk_manager="r"),
    "helpdesk.ticket.remedy": _rights(helpdesk_agent="crw", helpdesk_manager="crw"),
    "helpdesk.ticket.remedy.line": _rights(
        helpdesk_agent="crwu", helpdesk_manager="crwu"
    ),
    # extended model: helpdesk_mgmt lets every employee read tickets (its
    # record rules narrow it); the OMS takes unlink away from managers.
    "helpdesk.ticket": _rights(
        "r",
        helpdesk_agent="crw",
        helpdesk_manager="crw",
        portal_customer="r",
        portal_party="r",
    ),
}

# Models the OMS extends whose OMS fields the x2many readability check covers.
EXTENDED_MODELS = (
    "sale.order",
    "sale.order.line",
    "stock.picking",
    "account.move",
    "helpdesk.ticket",
    "res.partner",
    "product.template",
)
