"""Working days in England and Wales: weekends, bank holidays and a partnership's closures.

Counting convention (docs/decisions/0009-working-day-clocks.md): the start day is day 0,
whatever day it is. Day 1 is the first working day *after* the start date, so

- a referral received on Friday (at 09:00 or 17:00 alike) with a 1 working day clock is due
  on Monday;
- a referral received on Saturday or Sunday is also due on Monday;
- a referral received on Thursday 24 December 2020 is due on Tuesday 29 December 2020
  (Christmas Day, the weekend and Boxing Day's substitute Monday are not working days).

Clocks work in dates, not times: a deadline is met by anything done on or before the due date.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays

# England and Wales share one set of bank holidays; the holidays package files them under
# England. Substitute days ("observed") are included: they are the days offices close.
BANK_HOLIDAY_COUNTRY = "GB"
BANK_HOLIDAY_SUBDIVISION = "ENG"
ONE_DAY = timedelta(days=1)


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays of England and Wales in ``year``, substitute days included."""
    return frozenset(
        holidays.country_holidays(
            BANK_HOLIDAY_COUNTRY, subdiv=BANK_HOLIDAY_SUBDIVISION, years=year
        ).keys()
    )


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 February (29 in a leap year); 31 March - 1 month likewise.
    """
    month_index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(start.day, monthrange(year, month)[1]))


class WorkingCalendar:
    """Which days are working days for one partnership (or nationally, with no closures)."""

    def __init__(self, *, closure_days: Iterable[date] = ()) -> None:
        self.closure_days: frozenset[date] = frozenset(closure_days)

    @classmethod
    def for_partnership(cls, partnership=None) -> WorkingCalendar:
        """The calendar of ``partnership``: national days off plus its local closure days."""
        if partnership is None:
            return cls()
        return cls(closure_days=partnership.local_closure_days or ())

    def __repr__(self) -> str:
        return f"WorkingCalendar(closure_days={sorted(self.closure_days)!r})"

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday, not a bank holiday, not one of the partnership's closure days."""
        return (
            day.weekday() < 5
            and day not in bank_holidays(day.year)
            and day not in self.closure_days
        )

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        day -= ONE_DAY
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (before it, when ``days`` is negative).

        ``start`` itself is day 0 and is never counted, working day or not: +1 from a Friday,
        a Saturday or a Sunday is the Monday; -1 from a Monday or a Sunday is the Friday.
        Adding 0 returns ``start`` unchanged. For any other ``days`` the result is always a
        working day.
        """
        step = self.next_working_day if days > 0 else self.previous_working_day
        day = start
        for _ in range(abs(days)):
            day = step(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days from ``start`` to ``end``: those after ``start`` up to and including
        ``end``; negative (those after ``end`` up to and including ``start``) when ``end`` is
        earlier.

        The inverse of ``add_working_days`` for a working-day ``start``:
        ``working_days_between(d, add_working_days(d, n)) == n``.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start + ONE_DAY
        while day <= end:
            count += self.is_working_day(day)
            day += ONE_DAY
        return count
