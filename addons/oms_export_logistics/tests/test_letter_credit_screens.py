# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged

from .doc_common import OmsDocumentCommon


@tagged("post_install", "-at_install")
class TestLetterCreditScreens(OmsDocumentCommon):
    """Letters of credit are grouped by bank, state, currency and expiry
    month, as an OMS user gets the search view."""

    def test_group_bys(self):
        views = (
            self.env["oms.letter.credit"]
            .with_user(self.oms_user)
            .get_views([(False, "search")])
        )
        search = etree.fromstring(views["views"]["search"]["arch"])
        group_bys = {
            node.get("name"): node.get("context")
            for node in search.iter("filter")
            if "group_by" in (node.get("context") or "")
        }
        for name, field in (
            ("group_issuing_bank", "issuing_bank_id"),
            ("group_state", "state"),
            ("group_currency", "currency_id"),
            ("group_expiry_month", "expiry_date:month"),
        ):
            self.assertIn(f"'{field}'", group_bys[name])
        # What the grouped list reads, as the OMS user.
        groups = (
            self.env["oms.letter.credit"]
            .with_user(self.oms_user)
            ._read_group(
                [("id", "=", self.credit.id)],
                ["issuing_bank_id", "state", "currency_id", "expiry_date:month"],
                ["__count"],
            )
        )
        self.assertEqual(len(groups), 1)
        bank, state, currency, month, count = groups[0]
        self.assertEqual(
            (bank, state, currency, count),
            (
                self.credit.issuing_bank_id,
                self.credit.state,
                self.credit.currency_id,
                1,
            ),
        )
        self.assertEqual(month.month, self.credit.expiry_date.month)
