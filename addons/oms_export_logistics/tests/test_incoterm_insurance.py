# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import OmsExportCommon

FLAG = "oms_export_logistics.incoterm_insurance_a5"


@tagged("post_install", "-at_install")
class TestIncotermInsurance(OmsExportCommon):
    """Incoterms 2020 A5: the seller insures for the buyer under CIF (ICC C)
    and CIP (ICC A) only; under DAP, DPU and DDP nobody owes it."""

    def _rule(self, code):
        return self.incoterm_rules.filtered(lambda r: r.code == code)

    def test_insurance_obligation(self):
        for code in ("DAP", "DPU", "DDP"):
            self.assertEqual(self._rule(code)._get_party("insurance"), "none", code)
            self.assertFalse(self._rule(code).requires_insurance, code)
        self.assertEqual(self._rule("CIF").insurance_by, "seller")
        self.assertEqual(self._rule("CIF").insurance_cover, "icc_c")
        self.assertEqual(self._rule("CIP").insurance_by, "seller")
        self.assertEqual(self._rule("CIP").insurance_cover, "icc_a")
        for code in ("EXW", "FCA", "FAS", "FOB", "CFR", "CPT"):
            self.assertEqual(self._rule(code).insurance_by, "buyer", code)

    def test_applied_once_to_older_databases(self):
        dap, ddp = self._rule("DAP"), self._rule("DDP")
        (dap | ddp).insurance_by = "seller"
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(FLAG, False)
        self.env["oms.incoterm.rule"]._oms_apply_insurance_obligation()
        self.assertEqual((dap | ddp).mapped("insurance_by"), ["none", "none"])
        self.assertTrue(params.get_param(FLAG))
        # A manager's later choice survives module updates.
        dap.insurance_by = "seller"
        self.env["oms.incoterm.rule"]._oms_apply_insurance_obligation()
        self.assertEqual(dap.insurance_by, "seller")
