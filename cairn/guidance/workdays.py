"""Working days inside SQL: a per-connection calendar table the guidance checks join to.

``cairn.clocks`` decides which days are working days (weekends, England and Wales bank
holidays, a partnership's closure days) and how a clock is counted (the start day is day 0;
decision 0009). To compare dates with working-day clocks over a million rows in one statement,
the same calendar is written once per connection into a temporary table::

    cairn_working_day(partnership_id, day, idx, working)

where ``idx`` is the number of working days from the start of the span up to and including
``day``. Then, for a partnership's calendar,

- working days from ``a`` to ``b`` (``working_days_between``) = ``idx(b) - idx(a)``;
- the ``n``-th working day after ``start`` (``add_working_days``, n > 0) is the working day
  whose ``idx`` is ``idx(start) + n``.

Both are index lookups (the primary key, and a unique index on the working days' ``idx``). The table covers 1 January 2000 to the end of the year after
next, for every partnership; a marker row holds a digest of what was written, so the table is
rebuilt only when a partnership's closure days change (or a rolled-back transaction took it
away). Temporary tables belong to one database session: behind a transaction-pooling proxy
(pgbouncer in transaction mode) run audits on a direct connection.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.db import connection
from django.utils import timezone

from cairn.clocks.calendar import WorkingCalendar

TABLE = "cairn_working_day"
MARKER = "cairn_working_day_key"
SPAN_START = date(2000, 1, 1)


def span_end() -> date:
    return date(timezone.localdate().year + 2, 12, 31)


def _calendar_rows(partnerships) -> tuple[list[int], list[date], list[int], list[bool]]:
    pids, days, idxs, working = [], [], [], []
    end = span_end()
    for pk, closures in partnerships:
        calendar = WorkingCalendar(closure_days=closures or ())
        day, idx = SPAN_START, 0
        while day <= end:
            is_working = calendar.is_working_day(day)
            idx += is_working
            pids.append(pk)
            days.append(day)
            idxs.append(idx)
            working.append(is_working)
            day += timedelta(days=1)
    return pids, days, idxs, working


def ensure_working_days() -> None:
    """Make sure this connection's calendar table holds every partnership's working days.

    Three small statements when it is already there; a rebuild (tens of milliseconds) when not.
    """
    from cairn.accounts.models import Partnership

    partnerships = sorted(
        (pk, sorted(closures or ()))
        for pk, closures in Partnership.objects.values_list("pk", "local_closure_days")
    )
    digest = hashlib.sha256(repr((partnerships, span_end())).encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {TABLE} ("
            " partnership_id bigint NOT NULL, day date NOT NULL, idx integer NOT NULL,"
            " working boolean NOT NULL, PRIMARY KEY (partnership_id, day));"
            f" CREATE UNIQUE INDEX IF NOT EXISTS {TABLE}_idx ON {TABLE} (partnership_id, idx)"
            " WHERE working;"
            f" CREATE TEMP TABLE IF NOT EXISTS {MARKER} (digest text NOT NULL)"
        )
        cursor.execute(f"SELECT digest FROM {MARKER}")
        row = cursor.fetchone()
        if row and row[0] == digest:
            return
        cursor.execute(f"TRUNCATE {TABLE}, {MARKER}")
        cursor.execute(
            f"INSERT INTO {TABLE} (partnership_id, day, idx, working)"
            " SELECT * FROM unnest(%s::bigint[], %s::date[], %s::integer[], %s::boolean[])",
            list(_calendar_rows(partnerships)),
        )
        cursor.execute(f"INSERT INTO {MARKER} (digest) VALUES (%s)", [digest])
        cursor.execute(f"ANALYZE {TABLE}")


def idx_sql(partnership: str, day: str) -> str:
    """SQL: the working-day index of ``day`` (NULL outside the calendar's span)."""
    return f"(SELECT w.idx FROM {TABLE} w WHERE w.partnership_id = {partnership} AND w.day = {day})"


def day_sql(partnership: str, idx: str) -> str:
    """SQL: the working day whose index is ``idx``."""
    return (
        f"(SELECT w.day FROM {TABLE} w WHERE w.partnership_id = {partnership}"
        f" AND w.idx = {idx} AND w.working)"
    )
