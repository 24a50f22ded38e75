# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.oms_core.tools.domain import (
    DOMAIN_NAMES,
    domain_eval_context,
    eval_domain,
    validate_domain,
)

from .common import OmsCoreCommon


@tagged("post_install", "-at_install")
class TestDomainEval(OmsCoreCommon):
    """Manager-editable domains are data: literals, a few plain names and
    relative dates; anything that reaches code is refused before it runs."""

    def test_literals_and_safe_names(self):
        env = self.env(user=self.oms_manager)
        self.assertEqual(
            eval_domain(
                env, "[('user_id', '=', uid), ('company_id', 'in', company_ids)]"
            ),
            [
                "&",
                ("user_id", "=", self.oms_manager.id),
                ("company_id", "in", self.oms_manager.company_ids.ids),
            ],
        )
        self.assertEqual(eval_domain(env, ""), [])
        self.assertEqual(
            eval_domain(
                env, "['|', ('amount_total', '>', -5), ('name', 'ilike', 'S0')]"
            ),
            ["|", ("amount_total", ">", -5), ("name", "ilike", "S0")],
        )

    def test_parsed_once_per_text_and_never_shared(self):
        """Literal domains are parsed once and cached: what a caller does
        with its copy does not reach the next caller."""
        env = self.env(user=self.oms_manager)
        text = "[('state', 'in', ['draft', 'sent']), ('amount_total', '>', 3)]"
        expected = ["&", ("state", "in", ["draft", "sent"]), ("amount_total", ">", 3)]
        first = eval_domain(env, text)
        self.assertEqual(first, expected)
        first[1][2].append("sale")
        first.append(("id", "=", 1))
        self.assertEqual(eval_domain(env, text), expected)
        # Arithmetic is no literal: evaluated at each call, as before.
        self.assertEqual(
            eval_domain(env, "[('amount_total', '>', 1 + 2)]"),
            [("amount_total", ">", 3)],
        )
        # A name is evaluated at each call, for the user asking.
        self.assertEqual(
            eval_domain(self.env(user=self.oms_user), "[('user_id', '=', uid)]"),
            [("user_id", "=", self.oms_user.id)],
        )
        self.assertEqual(DOMAIN_NAMES, set(domain_eval_context(env)))

    def test_relative_dates_from_the_domain_editor(self):
        env = self.env(user=self.oms_manager)
        domain = eval_domain(
            env,
            "[('date_order', '>=', (context_today() - relativedelta(days=30))"
            ".strftime('%Y-%m-%d')), ('create_date', '<', datetime.datetime.combine("
            "context_today(), datetime.time(0, 0, 0)).strftime('%Y-%m-%d %H:%M:%S'))]",
        )
        self.assertEqual(len(domain), 3)
        validate_domain(env, "sale.order", str(domain))

    def test_code_is_refused(self):
        env = self.env(user=self.oms_manager)
        attacks = [
            "[('id', '=', user.sudo().write({'active': False}) and 1)]",
            "[('id', '=', env.uid)]",
            "[('id', 'in', [x for x in (1, 2)])]",
            "[('id', '=', (lambda: 1)())]",
            "[('id', '=', ().__class__)]",
            "[('id', '=', context_today().__class__)]",
            "[('name', '=', open('/etc/passwd').read())]",
            "[('id', '=', 1 if uid else 2)]",
            "{'a': 1}",
            "('id', '=', 1)",
        ]
        for attack in attacks:
            with self.subTest(attack=attack), self.assertRaises(ValidationError):
                eval_domain(env, attack)

    def test_invalid_field_refused_at_validation(self):
        env = self.env(user=self.oms_manager)
        with self.assertRaises(ValidationError):
            validate_domain(env, "sale.order", "[('no_such_field', '=', 1)]")
