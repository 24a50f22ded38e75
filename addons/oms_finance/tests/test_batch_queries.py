# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Batch jobs cost a fixed number of queries, not some per record."""

import logging

from odoo.tests import tagged

from odoo.addons.oms_core.tests.common import BatchQueriesMixin

from .common_cash import OmsCashCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestBatchQueriesCash(BatchQueriesMixin, OmsCashCommon):
    def _unmatched_lines(self, count, start):
        # Each line quotes a reference and names its customer, so each one
        # goes through the three kinds of match (invoice, order, amount).
        return self.env["account.bank.statement.line"].union(
            *(
                self._create_statement_line(
                    70.0 + index,
                    f"Wire REF-{index}/X thanks",
                    partner=self.customer_de if index % 2 else self.customer_in,
                )
                for index in range(start, start + count)
            )
        )

    def test_matching_queries_do_not_grow_with_sources(self):
        self._create_invoice(self.customer_de, 1000.0)
        self._create_invoice(self.customer_in, 2000.0)
        self._run(lines=self._unmatched_lines(2, 100))  # warm caches
        two, applications = self._count_queries(
            self._run, self._unmatched_lines(2, 200)
        )
        self.assertEqual(set(applications.mapped("state")), {"unmatched"})
        six, applications = self._count_queries(
            self._run, self._unmatched_lines(6, 300)
        )
        self.assertEqual(set(applications.mapped("state")), {"unmatched"})
        self.assertEqual(len(applications), 6)
        _logger.info("Cash application: %s queries for 2 sources, %s for 6", two, six)
        self.assertLessEqual(six, two + 2)
