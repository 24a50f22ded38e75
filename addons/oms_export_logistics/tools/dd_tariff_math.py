# Copyright 2026 OMS Founding Engineers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demurrage and detention arithmetic, free of the ORM so tests can check
every tier boundary exactly.

Conventions (as carriers count):
- the day a clock starts is day 1 of the free time;
- free time counts calendar days, or only working days on a working-day
  tariff, so working-day free time never ends on a weekend or a holiday;
- chargeable days are the calendar days after the last free day up to and
  including the day the clock stops (or the day it is measured);
- tiers number the chargeable days from 1; the last tier is open-ended
  (``to_day`` 0 or None).
"""

from datetime import timedelta


def last_free_day(start_date, free_days, is_working_day=None):
    """The last day of free time of a clock started on ``start_date``.

    :param is_working_day: ``callable(date) -> bool`` on working-day tariffs,
        None on calendar-day tariffs
    :returns: a date; the day before ``start_date`` when there is no free time
    """
    if free_days <= 0:
        return start_date - timedelta(days=1)
    if is_working_day is None:
        return start_date + timedelta(days=free_days - 1)
    day, counted = start_date, 0
    # Bounded: a calendar works at least one day a week (checked on the
    # tariff), so free days are counted within a few years at most.
    for _i in range(free_days * 7 + 366):
        if is_working_day(day):
            counted += 1
            if counted == free_days:
                return day
        day += timedelta(days=1)
    raise ValueError("The calendar has no working day to count free time on.")


def chargeable_days(last_free, end_date):
    """Calendar days after ``last_free`` up to ``end_date`` included."""
    if not end_date:
        return 0
    return max((end_date - last_free).days, 0)


def tier_amount(days, tiers):
    """Charge of ``days`` chargeable days over ``tiers``.

    :param tiers: ``[(from_day, to_day or 0/None for open-ended, rate), ...]``
        contiguous from day 1 (see :func:`check_tiers`)
    """
    amount = 0.0
    for from_day, to_day, rate in sorted(tiers, key=lambda tier: tier[0]):
        if days < from_day:
            break
        last = days if not to_day else min(days, to_day)
        amount += (last - from_day + 1) * rate
    return amount


def check_tiers(tiers):
    """Messages describing what is wrong with ``tiers`` (empty: valid).

    Tiers must start on day 1, follow each other without gap or overlap,
    and only the last one is open-ended (and it must be).
    """
    errors = []
    expected = 1
    ordered = sorted(tiers, key=lambda tier: tier[0])
    for index, (from_day, to_day, rate) in enumerate(ordered):
        if rate < 0:
            errors.append(f"day {from_day}: negative rate")
        if to_day and to_day < from_day:
            errors.append(f"day {from_day}: ends on day {to_day}, before it starts")
        if from_day < expected:
            errors.append(f"day {from_day}: overlaps the previous tier")
        elif from_day > expected:
            errors.append(f"days {expected} to {from_day - 1}: not covered (gap)")
        if not to_day and index < len(ordered) - 1:
            errors.append(f"day {from_day}: only the last tier may be open-ended")
            break
        expected = (to_day or from_day) + 1
    if ordered and ordered[-1][1]:
        errors.append("the last tier must be open-ended")
    return errors
