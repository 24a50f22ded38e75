# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import bisect

from pytz import utc

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _oms_get_work_hours_counter(self, start, end):
        """Business hours of the calendar from any moment after ``start``
        until ``end``, as ``get_work_hours_count(moment, end,
        compute_leaves=True)`` counts them, from one computation of the
        calendar's work intervals: the hours of many tickets cost the
        queries of one.

        :returns: a function of a naive UTC datetime (``>= start``)
        """
        self.ensure_one()
        start, end = (
            dt if dt.tzinfo else dt.replace(tzinfo=utc) for dt in (start, end)
        )
        # Sorted and disjoint: the calendar merges overlapping intervals.
        intervals = [
            (interval_start, stop)
            for interval_start, stop, _meta in self._work_intervals_batch(start, end)[
                False
            ]
        ]
        stops = [stop for _start, stop in intervals]
        # hours_from[i]: hours of the intervals i and after.
        hours_from = [0.0] * (len(intervals) + 1)
        for index in range(len(intervals) - 1, -1, -1):
            interval_start, interval_stop = intervals[index]
            hours_from[index] = (
                hours_from[index + 1]
                + (interval_stop - interval_start).total_seconds() / 3600
            )

        def count(moment):
            moment = moment if moment.tzinfo else moment.replace(tzinfo=utc)
            # The first interval ending after the moment may have begun before.
            index = bisect.bisect_right(stops, moment)
            if index == len(intervals):
                return 0.0
            interval_start, interval_stop = intervals[index]
            if interval_start >= moment:
                return hours_from[index]
            return (
                hours_from[index + 1] + (interval_stop - moment).total_seconds() / 3600
            )

        return count
