# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFieldLabels(TransactionCase):
    """Labels read as people speak: a field without ``string=`` gets a label
    Odoo makes from its technical name ("Oms Active Hold Count"), which
    column headers, filters, exports and group-bys then show."""

    def _oms_fields(self, domain):
        fields = self.env["ir.model.fields"].search(domain)
        # ``modules``: the addons that define or extend the field.
        return fields.filtered(
            lambda f: any(
                module.strip().startswith("oms_")
                for module in (f.modules or "").split(",")
            )
        )

    def test_no_label_made_from_technical_name(self):
        # The check itself finds the OMS fields: at least the ones named here.
        oms_fields = self._oms_fields([("name", "=like", "oms\\_%")])
        self.assertIn("oms_active_hold_count", oms_fields.mapped("name"))
        generated = self._oms_fields([("field_description", "=like", "Oms %")])
        self.assertFalse(
            [f"{f.model}.{f.name}: {f.field_description}" for f in generated],
            "OMS fields need a string= that reads as people speak",
        )

    def test_labels_of_counters_and_flags(self):
        expected = {
            ("sale.order", "oms_active_hold_count"): "Active Holds",
            ("sale.order", "oms_fallout_count"): "Fallout Count",
            ("survey.user_input", "oms_has_score"): "Has Score",
            ("helpdesk.ticket", "oms_remedy_count"): "Remedy Count",
        }
        for (model, name), label in expected.items():
            self.assertEqual(self.env[model]._fields[name].string, label)
