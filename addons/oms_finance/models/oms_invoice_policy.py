# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.oms_core.tools.db_errors import raise_if_db_conflict
from odoo.addons.queue_job.job import identity_exact

_logger = logging.getLogger(__name__)

TRIGGER_DELTAS = {
    "daily": relativedelta(days=1),
    "weekly": relativedelta(weeks=1),
    "monthly": relativedelta(months=1),
}


class OmsInvoicePolicy(models.Model):
    """When and how delivered orders are invoiced to receivables.

    Orders get the policy of their customer, else the policy of the first
    OMS rule (type "Apply invoice policy", by sequence) that matches them.
    The scheduler enqueues invoicing jobs for the policies that are due;
    on-shipment policies enqueue one when a delivery is validated.
    """

    _name = "oms.invoice.policy"
    _description = "OMS Invoice Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    trigger = fields.Selection(
        [
            ("on_shipment", "On shipment"),
            ("daily", "Daily"),
            ("weekly", "Weekly"),
            ("monthly", "Monthly"),
            ("manual", "Manual"),
        ],
        required=True,
        default="on_shipment",
    )
    grouping = fields.Selection(
        [("order", "One invoice per order"), ("partner", "One invoice per customer")],
        required=True,
        default="order",
    )
    journal_id = fields.Many2one(
        "account.journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        help="Sales journal of the invoices; required unless manual.",
    )
    auto_post = fields.Boolean(default=True, help="Post the invoices created.")
    auto_send = fields.Boolean(
        help="Email posted invoices with their PDF (bill presentation)."
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        domain="[('model', '=', 'account.move')]",
        help="Empty: the customer's template, else Odoo's invoice email.",
    )
    return_resolution = fields.Selection(
        [("refund", "Refund"), ("replacement", "Replacement")],
        default="refund",
        required=True,
        help="Default resolution of returns of the matching orders.",
    )
    rule_ids = fields.One2many(
        "oms.rule",
        "invoice_policy_id",
        string="Applies To",
        context={"active_test": False},
        help="The orders invoiced under this policy, as OMS rules: the first "
        "matching rule (by sequence) of all invoice policies wins, unless the "
        "customer names a policy.",
    )
    batch_size = fields.Integer(default=50, help="Orders per invoicing job.")
    next_run_date = fields.Date(
        help="Next scheduled run (daily, weekly, monthly); empty: due now."
    )

    # CONSTRAINT METHODS

    @api.constrains("trigger", "journal_id")
    def _check_journal(self):
        for policy in self:
            if policy.trigger != "manual" and not policy.journal_id:
                raise ValidationError(
                    self.env._(
                        "Invoice policy %s needs a sales journal unless it is manual.",
                        policy.name,
                    )
                )

    @api.constrains("journal_id")
    def _check_journal_type(self):
        # The field domain only filters the UI; a client may write any id.
        for policy in self.filtered("journal_id"):
            if policy.journal_id.type != "sale":
                raise ValidationError(
                    self.env._(
                        "Journal %(journal)s of invoice policy %(policy)s is not "
                        "a sales journal: customer invoices can only be posted "
                        "in a sales journal.",
                        journal=policy.journal_id.display_name,
                        policy=policy.name,
                    )
                )

    @api.constrains("batch_size")
    def _check_batch_size(self):
        if any(policy.batch_size <= 0 for policy in self):
            raise ValidationError(self.env._("The batch size must be positive."))

    # BUSINESS METHODS

    @api.model
    def _oms_policies_for(self, orders):
        """``{order: policy}``: the customer's own policy, else the policy of
        the first invoice-policy rule (by sequence) matching the order; an
        empty policy when none applies."""
        result = {}
        remaining = orders.browse()
        for order in orders:
            policy = order.partner_id.commercial_partner_id.oms_invoice_policy_id
            if policy:
                result[order] = policy
            else:
                remaining |= order
        first_rules = remaining._oms_first_rule_by_record(
            "invoice_policy",
            # An archived policy invoices nothing: its rules give way to the
            # next ones, as the policy itself did.
            rule_domain=[("invoice_policy_id.active", "=", True)],
        )
        for order in remaining:
            rule = first_rules.get(order)
            # Rules are configuration read as the system: the policy is used
            # with the caller's rights.
            result[order] = (
                rule.invoice_policy_id.with_env(self.env) if rule else self.browse()
            )
        return result

    @api.model
    def _oms_get_invoiceable_domain(self):
        return [("state", "=", "sale"), ("invoice_status", "=", "to invoice")]

    def _oms_get_invoiceable_orders(self, orders=None):
        """Orders to invoice under this policy (delivered, not invoiced)."""
        self.ensure_one()
        domain = [
            *self._oms_get_invoiceable_domain(),
            ("company_id", "=", self.company_id.id),
        ]
        orders = (
            orders.filtered_domain(domain)
            if orders is not None
            else (self.env["sale.order"].search(domain))
        )
        policies = self._oms_policies_for(orders)
        return orders.filtered(lambda o: policies[o] == self)

    def _oms_get_not_due(self, orders):
        """The ``orders`` (invoiced under this policy) it does not invoice
        now. An on-shipment policy invoices goods once they left: not while a
        delivery is open. Scheduled policies invoice at their run, manual ones
        when a person does: never on an event such as an online payment."""
        self.ensure_one()
        if self.trigger != "on_shipment":
            return orders
        return orders.filtered(
            lambda o: o.delivery_status in ("pending", "started", "partial")
        )

    def _oms_enqueue(self, orders=None):
        """Enqueue invoicing jobs in batches; an identical pending job is not
        enqueued twice (identity key)."""
        jobs = []
        for policy in self:
            todo = policy._oms_get_invoiceable_orders(orders)
            for start in range(0, len(todo), policy.batch_size):
                batch = todo[start : start + policy.batch_size]
                jobs.append(
                    policy.with_delay(
                        identity_key=identity_exact,
                        description=self.env._(
                            "Invoice %(count)s orders (%(policy)s)",
                            count=len(batch),
                            policy=policy.name,
                        ),
                    )._oms_job_invoice_orders(batch)
                )
        return jobs

    @api.model
    def _cron_oms_auto_invoice(self):
        """Enqueue the invoicing of the scheduled policies that are due."""
        today = fields.Date.context_today(self)
        due = self.search([("trigger", "in", list(TRIGGER_DELTAS))]).filtered(
            lambda p: not p.next_run_date or p.next_run_date <= today
        )
        for policy in due:
            policy._oms_enqueue()
            policy.next_run_date = today + TRIGGER_DELTAS[policy.trigger]
        return True

    def _oms_job_invoice_orders(self, orders):
        """Queue job: invoice ``orders`` per the policy, one order or customer
        group at a time in a savepoint; business failures go to the fallout
        queue. A database conflict (serialization failure, deadlock, lock
        timeout) is no business failure: it aborts the job, which queue_job
        retries with backoff (``retry_pattern`` of the job function).

        The batch's rows are claimed once, up front: rows another worker
        holds are skipped, so two workers never invoice the same order."""
        self.ensure_one()
        invoices = self.env["account.move"]
        orders = self._oms_claim_orders(orders)
        invoiced = orders.browse()
        for group in self._oms_group_orders(orders):
            try:
                with self.env.cr.savepoint():
                    invoices |= self._oms_invoice_group(group)
                invoiced |= group
            # Any business failure of one group is reported, the batch goes on.
            except Exception as error:  # noqa: BLE001
                raise_if_db_conflict(self.env, error)
                _logger.info("OMS invoicing failed for %s: %s", group, error)
                self.env["oms.fallout"]._report(group, "invoicing", error)
        self._oms_resolve_fallouts(invoiced)
        return invoices

    def _oms_claim_orders(self, orders):
        """Lock the orders' rows and keep those still to invoice, re-read
        after the lock: what another worker committed since must be seen."""
        orders = self._oms_lock_orders(orders)
        orders.invalidate_recordset()
        orders.order_line.invalidate_recordset()
        return orders.filtered(
            lambda o: o.state == "sale" and o.invoice_status == "to invoice"
        )

    def _oms_group_orders(self, orders):
        if self.grouping == "order":
            return list(orders)
        groups = {}
        for order in orders:
            key = (order.partner_invoice_id.commercial_partner_id, order.currency_id)
            groups[key] = groups.get(key, orders.browse()) | order
        return list(groups.values())

    def _oms_lock_orders(self, orders):
        if not orders:
            return orders
        self.env.cr.execute(
            "SELECT id FROM sale_order WHERE id IN %s FOR UPDATE SKIP LOCKED",
            [tuple(orders.ids)],
        )
        locked = {row[0] for row in self.env.cr.fetchall()}
        return orders.filtered(lambda o: o.id in locked)

    def _oms_invoice_group(self, orders):
        """Invoice one claimed order (or customer group)."""
        invoices = (
            orders.with_company(self.company_id)
            .with_context(oms_invoice_policy_id=self.id)
            ._create_invoices(grouped=self.grouping == "order", final=True)
        )
        # Like _create_invoices itself: whoever runs the job (an OMS user's
        # shipment) stamps the invoices without full billing rights.
        invoices.sudo().write(self._oms_prepare_invoice_update(invoices))
        invoices.sudo()._oms_set_shipment_ref()
        if self.auto_post:
            invoices.action_post()
            if self.auto_send:
                invoices._oms_present()
        return invoices

    def _oms_resolve_fallouts(self, orders):
        if orders:
            self.env["oms.fallout"].search(
                [
                    ("order_id", "in", orders.ids),
                    ("step", "=", "invoicing"),
                    ("state", "=", "open"),
                ]
            )._resolve()

    def _oms_prepare_invoice_update(self, invoices):
        return {"oms_invoice_policy_id": self.id}

    def action_run_now(self):
        """Enqueue the invoicing of this policy's orders now and say what was
        queued, and which confirmed orders were left out and why."""
        todo = {policy: policy._oms_get_invoiceable_orders() for policy in self}
        jobs = self._oms_enqueue()
        return self._oms_invoice_now_notification(todo, jobs)

    def _oms_get_skipped_orders(self, queued):
        """``{reason: orders}``: the confirmed, not fully invoiced orders of
        this policy it did not queue now."""
        self.ensure_one()
        candidates = self.env["sale.order"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "sale"),
                ("invoice_status", "in", ("to invoice", "no")),
                ("id", "not in", queued.ids),
            ]
        )
        policies = self._oms_policies_for(candidates)
        mine = candidates.filtered(lambda o: policies[o] == self)
        held = mine.filtered("oms_on_hold")
        nothing = (mine - held).filtered(lambda o: o.invoice_status == "no")
        return {
            self.env._("on hold"): held,
            self.env._("nothing delivered to invoice yet"): nothing,
            self.env._("not due yet"): mine - held - nothing,
        }

    def _oms_invoice_now_notification(self, todo, jobs):
        queued = self.env["sale.order"].union(*todo.values())
        skipped = {}
        for policy in self:
            for reason, orders in policy._oms_get_skipped_orders(queued).items():
                skipped[reason] = skipped.get(reason, orders.browse()) | orders
        reasons = ", ".join(
            f"{reason} ({len(orders)})" for reason, orders in skipped.items() if orders
        )
        if queued:
            message = self.env._(
                "Orders queued for invoicing: %(orders)s, in %(jobs)s jobs. The "
                "invoices are created in the background (see Jobs).",
                orders=len(queued),
                jobs=len(jobs),
            )
        else:
            message = self.env._("Nothing to invoice now under this policy.")
        if reasons:
            message += " " + self.env._(
                "Orders left out: %(reasons)s.", reasons=reasons
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Invoice Now"),
                "message": message,
                "type": "success" if queued else "warning",
                "sticky": False,
            },
        }

    def action_view_jobs(self):
        self.ensure_one()
        # OMS managers read the jobs of OMS work (oms_core's queue job rule)
        # through oms_core's action; the task text names the policy first.
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oms_core.queue_job_action_oms"
        )
        action["domain"] = [
            ("model_name", "=", self._name),
            ("func_string", "=like", f"{self._name}({self.id},).%"),
        ]
        return action

    def _oms_ensure_journal(self):
        if any(not p.journal_id for p in self):
            raise UserError(self.env._("The invoice policy has no journal."))
