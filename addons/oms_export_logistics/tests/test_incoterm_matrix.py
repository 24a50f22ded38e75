# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.oms_export_logistics.models.oms_incoterm_rule import MATRIX_ITEMS

from .common import OmsExportCommon

S, B, N = "seller", "buyer", "none"
# Incoterms 2020, in MATRIX_ITEMS order: export packing, loading at origin,
# pre-carriage, export clearance, origin terminal, main carriage, insurance,
# destination terminal, on-carriage, import clearance, unloading.
EXPECTED = {
    "EXW": [S, B, B, B, B, B, B, B, B, B, B],
    "FCA": [S, S, S, S, B, B, B, B, B, B, B],
    "CPT": [S, S, S, S, S, S, B, S, S, B, B],
    "CIP": [S, S, S, S, S, S, S, S, S, B, B],
    "DAP": [S, S, S, S, S, S, N, S, S, B, B],
    "DPU": [S, S, S, S, S, S, N, S, S, B, S],
    "DDP": [S, S, S, S, S, S, N, S, S, S, B],
    "FAS": [S, S, S, S, B, B, B, B, B, B, B],
    "FOB": [S, S, S, S, S, B, B, B, B, B, B],
    "CFR": [S, S, S, S, S, S, B, B, B, B, B],
    "CIF": [S, S, S, S, S, S, S, B, B, B, B],
}
SEA_ONLY = {"FAS", "FOB", "CFR", "CIF"}
FREIGHT = {"CPT", "CIP", "CFR", "CIF"}
INSURANCE = {"CIP", "CIF"}


@tagged("post_install", "-at_install")
class TestIncotermMatrix(OmsExportCommon):
    def _rule(self, code):
        rule = self.incoterm_rules.filtered(lambda r: r.code == code)
        self.assertEqual(len(rule), 1, f"one matrix for {code}")
        return rule

    def test_matrix_all_terms(self):
        self.assertEqual(set(self.incoterm_rules.mapped("code")), set(EXPECTED))
        for code, parties in EXPECTED.items():
            rule = self._rule(code)
            expected = dict(
                zip([item for item, _l in MATRIX_ITEMS], parties, strict=True)
            )
            self.assertEqual(rule._get_matrix(), expected, code)
            for item, party in expected.items():
                self.assertEqual(rule._get_party(item), party, f"{code} {item}")

    def test_sea_only_named_place_and_charges(self):
        for code in EXPECTED:
            rule = self._rule(code)
            self.assertEqual(rule.sea_only, code in SEA_ONLY, code)
            self.assertTrue(rule.named_place_required, code)
            self.assertTrue(rule.risk_transfer_point, code)
            self.assertEqual(rule.requires_freight, code in FREIGHT, code)
            self.assertEqual(rule.requires_insurance, code in INSURANCE, code)
            self.assertEqual(rule._allows_mode("air"), code not in SEA_ONLY, code)
            self.assertTrue(rule._allows_mode("sea"), code)
        self.assertIn("on board", self._rule("FOB").risk_transfer_point)
        self.assertIn("alongside", self._rule("FAS").risk_transfer_point)

    def test_leg_items(self):
        legs = {
            code: [item for item, _party in self._rule(code)._get_leg_items()]
            for code in EXPECTED
        }
        self.assertEqual(legs["EXW"], ["main_carriage"])
        self.assertEqual(legs["FOB"], ["pre_carriage", "main_carriage"])
        self.assertEqual(legs["CIF"], ["pre_carriage", "main_carriage"])
        self.assertEqual(legs["DAP"], ["pre_carriage", "main_carriage", "on_carriage"])
        self.assertEqual(
            dict(self._rule("FOB")._get_leg_items())["main_carriage"], "buyer"
        )
        rule = self._rule("FOB")
        rule.plan_buyer_legs = True
        self.assertEqual(
            [item for item, _p in rule._get_leg_items()],
            ["pre_carriage", "main_carriage", "on_carriage"],
        )

    def test_unknown_item(self):
        with self.assertRaises(ValueError):
            self._rule("CIF")._get_party("lunch")

    def test_check_incoterm_costs(self):
        freight = self._create_product("Sea freight", 900.0)
        freight.oms_export_charge_type = "freight"
        insurance = self._create_product("Marine insurance", 50.0)
        insurance.oms_export_charge_type = "insurance"
        rule = self._create_rule(
            check_method="_oms_check_incoterm_costs",
            domain="[('oms_is_export', '=', True)]",
        )
        bare = self._create_order(incoterm_location="Hamburg")
        freight_only = self._create_order(
            lines=[(self.product, 5), (freight, 1)], incoterm_location="Hamburg"
        )
        complete = self._create_order(
            lines=[(self.product, 5), (freight, 1), (insurance, 1)],
            incoterm_location="Hamburg",
        )
        no_place = self._create_order(
            lines=[(self.product, 5), (freight, 1), (insurance, 1)]
        )
        fob = self._create_order(
            incoterm=self._incoterm("FOB").id, incoterm_location="Nhava Sheva"
        )
        orders = bare | freight_only | complete | no_place | fob
        self.assertEqual(rule._match(orders), bare | freight_only | no_place)
        self.assertIn("insurance charge line", freight_only._oms_incoterm_missing()[0])
        self.assertEqual(no_place._oms_incoterm_missing(), ["incoterm named place"])
        # The rule holds the order at confirmation.
        bare.action_confirm()
        self.assertTrue(bare.oms_on_hold)
        complete.action_confirm()
        self.assertFalse(complete.oms_on_hold)

    def test_manager_edits_matrix(self):
        rule = self._rule("FCA")
        rule.with_user(self.oms_manager).origin_terminal_by = "seller"
        self.assertEqual(rule._get_party("origin_terminal"), "seller")
        with self.assertRaises(AccessError):
            rule.with_user(self.oms_user).origin_terminal_by = "buyer"
        self.assertTrue(
            self.env["oms.rule"]
            .with_context(active_test=False)
            .search([("check_method", "=", "_oms_check_incoterm_costs")])
        )
