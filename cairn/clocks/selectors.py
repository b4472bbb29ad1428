"""Reads: every due date in Cairn comes from here.

    due_date(clock="icpc", start=strategy_discussion_on, partnership=p)
    time_left(clock="referral_decision", start=referral.received_at, partnership=p)

For many due dates at once (a list of cases), take one ``clock_book(partnership=p)`` and ask
it, so the partnership's local timescales are read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from cairn.clocks.calendar import WorkingCalendar, add_months
from cairn.clocks.choices import NonWorkingDue, Status, Unit
from cairn.clocks.models import LocalTimescale
from cairn.clocks.timescales import Timescale, UnknownClock, national_timescales


@dataclass(frozen=True)
class TimeLeft:
    """Where a clock stands on ``today``."""

    clock: str
    due: date
    working_days_left: int
    """Working days after today up to the due date; negative once working days have passed
    since it. 0 on the due date, and on a non-working day just after it."""
    is_overdue: bool
    is_due_today: bool
    phrase: str
    """Plain English for a page: "Due today", "1 working day left", "Overdue by 3 working
    days"."""


def timescales_for(*, partnership=None) -> dict[str, Timescale]:
    """The national timescales as ``partnership`` has changed them, plus its local clocks."""
    table = dict(national_timescales())
    if partnership is None:
        return table
    for local in LocalTimescale.objects.filter(partnership=partnership):
        national = table.get(local.key)
        changes = {
            "amount": local.amount,
            "unit": local.unit,
            "if_not_a_working_day": local.if_not_a_working_day,
        }
        if national is None:
            table[local.key] = Timescale(
                key=local.key,
                label=local.label or local.key,
                starts_from=local.starts_from,
                source=f"{partnership} local timescale",
                status=Status.LOCAL,
                note=local.reason,
                is_local=True,
                **changes,
            )
        else:
            table[local.key] = national.with_local(
                label=local.label or national.label,
                starts_from=local.starts_from or national.starts_from,
                note=local.reason or national.note,
                **changes,
            )
    return table


class ClockBook:
    """One partnership's timescales and working calendar, read once, asked many times."""

    def __init__(self, *, timescales: dict[str, Timescale], calendar: WorkingCalendar) -> None:
        self.timescales = timescales
        self.calendar = calendar

    def timescale(self, clock: str) -> Timescale:
        """The timescale called ``clock``; UnknownClock if there is none."""
        try:
            return self.timescales[clock]
        except KeyError:
            raise UnknownClock(clock, list(self.timescales)) from None

    def due_date(self, *, clock: str, start: date | datetime) -> date:
        """The last day on which ``clock``, started on ``start``, is met.

        ``start`` may be a date or a datetime (taken as its date in Europe/London): the time
        of day never matters.
        """
        timescale = self.timescale(clock)
        start = local_date(start)
        if timescale.unit == Unit.WORKING_DAYS:
            return self.calendar.add_working_days(start, timescale.amount)
        if timescale.unit == Unit.MONTHS:
            due = add_months(start, timescale.amount)
        else:
            due = start + timedelta(days=timescale.amount)
        return self._onto_working_day(due, timescale.if_not_a_working_day)

    def time_left(
        self, *, clock: str, start: date | datetime, today: date | None = None
    ) -> TimeLeft:
        """How ``clock`` stands on ``today`` (default: today in Europe/London)."""
        due = self.due_date(clock=clock, start=start)
        today = today or timezone.localdate()
        left = self.calendar.working_days_between(today, due)
        return TimeLeft(
            clock=clock,
            due=due,
            working_days_left=left,
            is_overdue=today > due,
            is_due_today=today == due,
            phrase=_phrase(today=today, due=due, left=left),
        )

    def _onto_working_day(self, day: date, rule: str) -> date:
        if rule == NonWorkingDue.KEEP or self.calendar.is_working_day(day):
            return day
        if rule == NonWorkingDue.NEXT_WORKING_DAY:
            return self.calendar.next_working_day(day)
        return self.calendar.previous_working_day(day)


def clock_book(*, partnership=None) -> ClockBook:
    """Timescales and calendar for ``partnership`` (national only when None). One query."""
    return ClockBook(
        timescales=timescales_for(partnership=partnership),
        calendar=WorkingCalendar.for_partnership(partnership),
    )


def due_date(*, clock: str, start: date | datetime, partnership=None) -> date:
    """The due date of ``clock`` started on ``start``, for ``partnership``.

    Raises UnknownClock for a key that is neither national nor one of the partnership's.
    """
    return clock_book(partnership=partnership).due_date(clock=clock, start=start)


def time_left(
    *, clock: str, start: date | datetime, today: date | None = None, partnership=None
) -> TimeLeft:
    """Due date, working days left (negative when overdue) and a phrase for ``clock``."""
    return clock_book(partnership=partnership).time_left(clock=clock, start=start, today=today)


def local_date(moment: date | datetime) -> date:
    """The date of ``moment`` in Cairn's time zone (Europe/London)."""
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def format_day(day: date) -> str:
    """GOV.UK style: "Friday 12 January 2024"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _plural(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


def _phrase(*, today: date, due: date, left: int) -> str:
    if today == due:
        return "Due today"
    if today < due:
        return f"{_plural(left)} left" if left > 0 else f"Due {format_day(due)}"
    if left < 0:
        return f"Overdue by {_plural(-left)}"
    return f"Overdue: it was due {format_day(due)}"
