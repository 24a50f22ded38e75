# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.oms_export_logistics.tests.common import OmsExportCommon

from .security_matrix import EXTENDED_MODELS, MATRIX, OMS_MODULES, OPERATIONS, ROLES


@tagged("post_install", "-at_install")
class TestSecurityMatrix(OmsExportCommon):
    """The role matrix of security_matrix.py holds: access rights per role and
    model, company isolation, and what portal parties see. Each test collects
    every mismatch and fails once with the full list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Matrix Exports Dubai FZE",
                "country_id": cls.env.ref("base.ae").id,
            }
        )
        cls.other_cha = cls.env["res.partner"].create(
            {"name": "Other CHA", "is_company": True, "email": "other@example.com"}
        )
        partners = {"portal_customer": cls.customer_de, "portal_party": cls.cha}
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"matrix_{role}",
                groups=groups,
                **({"partner_id": partners[role].id} if role in partners else {}),
            )
            for role, groups in ROLES.items()
        }
        cls.user_b = new_test_user(
            cls.env,
            login="matrix_company_b",
            groups="oms_core.group_oms_manager,account.group_account_manager,"
            "helpdesk_mgmt.group_helpdesk_manager",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.shipment = cls._create_shipment()
        cls.other_shipment = cls._create_shipment(cha_id=cls.other_cha.id)

    def _rights(self, user, model):
        Model = self.env[model].with_user(user)
        return "".join(
            letter for letter, op in OPERATIONS.items() if Model.has_access(op)
        )

    def _fail_on(self, mismatches, title):
        if mismatches:
            self.fail(f"{title} ({len(mismatches)}):\n" + "\n".join(mismatches))

    def test_role_matrix(self):
        """Every OMS model x role x create/read/write/unlink, as ACLs answer."""
        mismatches = []
        for model, expected_rights in MATRIX.items():
            for role, user in self.users.items():
                expected = expected_rights.get(role, "")
                got = self._rights(user, model)
                if got != expected:
                    mismatches.append(
                        f"{model:32} {role:17} expected {expected!r:8} got {got!r}"
                    )
        self._fail_on(mismatches, "role matrix mismatches")

    def test_every_oms_model_is_in_the_matrix(self):
        """A new OMS model without a row (hence without decided rights) fails."""
        oms_models = {
            name
            for name, model in self.env.registry.items()
            if model._original_module in OMS_MODULES and not model._abstract
        }
        missing = sorted(oms_models - set(MATRIX))
        stale = sorted(set(MATRIX) - set(self.env.registry))
        self._fail_on(
            [f"no row for {m}" for m in missing] + [f"no model {m}" for m in stale],
            "matrix out of date",
        )

    def test_every_company_model_has_a_company_rule(self):
        mismatches = []
        Rule = self.env["ir.rule"].with_context(active_test=False)
        for model in MATRIX:
            field = self.env[model]._fields.get("company_id")
            if not field or not field.store:
                continue
            rules = Rule.search(
                [("model_id.model", "=", model), ("global", "=", True)]
            ).filtered(lambda r: r.active and "company_ids" in r.domain_force)
            if not rules:
                mismatches.append(f"{model}: no global multi-company rule")
        self._fail_on(mismatches, "models without company isolation")

    def test_one2many_fields_are_readable_by_who_reads_the_record(self):
        """Reading a one2many searches its target model: an internal user who
        may read a record must read the targets of its one2many fields, or
        the form fails with AccessError (as the survey field did for
        salesmen). Fields hidden by ``groups`` are not read, hence skipped;
        many2many reads only apply record rules. Portal users are left out:
        they read OMS records through portal pages, and an internal-only
        field fails closed for them."""
        mismatches = []
        internal = {r: u for r, u in self.users.items() if not u.share}
        for role, user in internal.items():
            for model_name in (*MATRIX, *EXTENDED_MODELS):
                Model = self.env[model_name].with_user(user)
                if not Model.has_access("read"):
                    continue
                for field in Model._fields.values():
                    if field.type != "one2many":
                        continue
                    if model_name in EXTENDED_MODELS and not any(
                        module in OMS_MODULES
                        for module in (field._module or "").split(",")
                    ):
                        continue
                    if field.groups and not user.has_groups(field.groups):
                        continue
                    if (
                        not self.env[field.comodel_name]
                        .with_user(user)
                        .has_access("read")
                    ):
                        mismatches.append(
                            f"{role:17} {model_name}.{field.name} -> "
                            f"{field.comodel_name}"
                        )
        self._fail_on(mismatches, "unreadable one2many targets")

    def _company_a_records(self):
        order = self._create_order()
        hold = self.env["oms.order.hold"].create(
            {"order_id": order.id, "hold_type": "hold", "message": "Matrix hold"}
        )
        letter = self.env["oms.letter.credit"].create(
            {
                "name": "LC-MATRIX-1",
                "applicant_id": self.customer_de.id,
                "issuing_bank_id": self.bank.id,
                "amount": 1000.0,
                "latest_shipment_date": date(2026, 3, 20),
                "expiry_date": date(2026, 4, 30),
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Matrix ticket", "description": "Where is my order?"}
        )
        rule = self._create_rule(name="Company A only", company_id=self.company.id)
        return self.shipment, self.shipment.leg_ids, letter, ticket, hold, rule

    def test_company_b_reads_nothing_of_company_a(self):
        mismatches = []
        for records in self._company_a_records():
            for record in records:
                as_b = record.with_user(self.user_b)
                if as_b.search_count([("id", "=", record.id)]):
                    mismatches.append(f"{record} found by company B's search")
                if as_b.has_access("read"):
                    mismatches.append(f"{record} readable by company B")
        self._fail_on(mismatches, "company A records reached from company B")

    def test_portal_parties_see_their_shipments_tasks_and_types(self):
        TaskType = self.env["oms.export.task.type"]
        own_type = TaskType.create({"name": "Matrix customs filing"})
        other_type = TaskType.create({"name": "Matrix other CHA filing"})
        Task = self.env["oms.export.task"]
        own_task = Task.create(
            {
                "name": "File customs",
                "shipment_id": self.shipment.id,
                "task_type_id": own_type.id,
                "partner_id": self.cha.id,
            }
        )
        other_task = Task.create(
            {
                "name": "File other customs",
                "shipment_id": self.other_shipment.id,
                "task_type_id": other_type.id,
                "partner_id": self.other_cha.id,
            }
        )
        party = self.users["portal_party"]
        customer = self.users["portal_customer"]
        seen = {
            "party shipments": self.env["oms.export.shipment"]
            .with_user(party)
            .search([]),
            "party tasks": Task.with_user(party).search([]),
            "party types": TaskType.with_user(party).search([]),
            "customer shipments": self.env["oms.export.shipment"]
            .with_user(customer)
            .search([]),
            "customer types": TaskType.with_user(customer).search([]),
        }
        expectations = [
            ("party shipments", self.shipment, True),
            ("party shipments", self.other_shipment, False),
            ("party tasks", own_task, True),
            ("party tasks", other_task, False),
            ("party types", own_type, True),
            ("party types", other_type, False),
            ("customer shipments", self.shipment, False),
            ("customer types", own_type, False),
        ]
        mismatches = [
            f"{what}: {record} {'missing' if visible else 'visible'}"
            for what, record, visible in expectations
            if (record in seen[what]) != visible
        ]
        self._fail_on(mismatches, "portal visibility")

    def test_portal_party_reads_only_its_own_shipment_messages(self):
        def post(body, partner):
            return self.shipment.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partner.ids,
            )

        to_cha = post("Please file the shipping bill.", self.cha)
        to_bank = post("Documents under LC attached.", self.bank)
        party = self.users["portal_party"]
        visible = (
            self.env["mail.message"]
            .with_user(party)
            .search([("model", "=", "oms.export.shipment")])
        )
        self.assertIn(to_cha, visible)
        self.assertNotIn(to_bank, visible)
        with self.assertRaises(AccessError):
            to_bank.with_user(party).read(["body"])
        self.assertNotIn(
            to_bank, self.shipment.with_user(party).message_ids, "bank email leaked"
        )
