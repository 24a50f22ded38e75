# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import OmsHelpdeskCommon

OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
# model: (agent, team leader, portal) expected rights as "crwu" letters
EXPECTED_RIGHTS = {
    "oms.helpdesk.escalation.level": ("r", "crwu", ""),
    "oms.helpdesk.survey.policy": ("r", "crwu", ""),
    # Remedies point at documents: they are never deleted.
    "oms.helpdesk.remedy": ("cr", "crw", ""),
    "helpdesk.ticket.remedy": ("crw", "crw", ""),
}


@tagged("post_install", "-at_install")
class TestAccess(OmsHelpdeskCommon):
    """Rights per group and company isolation of the helpdesk models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="hd_portal", groups="base.group_portal"
        )

    def _rights(self, user, model):
        Model = self.env[model].with_user(user)
        return "".join(
            letter for letter, op in OPERATIONS.items() if Model.has_access(op)
        )

    def test_rights_per_group(self):
        users = (self.agent, self.leader, self.portal)
        for model, expected in EXPECTED_RIGHTS.items():
            for user, rights in zip(users, expected, strict=True):
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self._rights(user, model), rights)

    def test_levels_and_remedies_of_other_company_are_invisible(self):
        other = self.env["res.company"].create({"name": "Helpdesk Other Co"})
        other_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Other service", "company_id": other.id}
        )
        level = self.env["oms.helpdesk.escalation.level"].create(
            {"name": "Other", "team_id": other_team.id, "percent": 50}
        )
        Level = self.env["oms.helpdesk.escalation.level"].with_user(self.leader)
        self.assertNotIn(level, Level.search([]))
        own = self.env["oms.helpdesk.escalation.level"].create(
            {"name": "Own", "team_id": self.team.id, "percent": 50}
        )
        self.assertIn(own, Level.search([]))
