"""Reads for action plans. The RAG rating of an action is derived here and nowhere else.

RAG (docs/decisions/0011-derived-rag.md), for an action on ``today``:

- **Complete** (blue): status complete.
- **Withdrawn** (grey): withdrawn by the monitoring body.
- **Red**: past its due date and not complete.
- **Amber**: not complete and either due within ``AT_RISK_DAYS`` days, or its progress lags
  the share of its time already used by more than ``BEHIND_BY`` percentage points.
- **Green**: otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from cairn.actionplans.models import ActionStatus, PlanAction

AT_RISK_DAYS = 28
BEHIND_BY = 25


@dataclass(frozen=True)
class Rag:
    key: str
    label: str
    colour: str  # GOV.UK tag colour modifier

    def __str__(self):
        return self.label


COMPLETE = Rag("complete", "Complete", "blue")
WITHDRAWN = Rag("withdrawn", "Withdrawn", "grey")
RED = Rag("red", "Overdue", "red")
AMBER = Rag("amber", "At risk", "yellow")
GREEN = Rag("green", "On track", "green")
RAGS = (RED, AMBER, GREEN, COMPLETE, WITHDRAWN)


def expected_percent(*, starts_on: date, due_on: date, today: date) -> int:
    """How far through its time an action is, as a percentage (0-100)."""
    if today <= starts_on:
        return 0
    if today >= due_on:
        return 100
    span = (due_on - starts_on).days
    return round(100 * (today - starts_on).days / span)


def rag_for(
    *, status: str, starts_on: date, due_on: date, percent_complete: int, today: date
) -> Rag:
    if status == ActionStatus.COMPLETE:
        return COMPLETE
    if status == ActionStatus.WITHDRAWN:
        return WITHDRAWN
    if today > due_on:
        return RED
    if (due_on - today).days <= AT_RISK_DAYS:
        return AMBER
    expected = expected_percent(starts_on=starts_on, due_on=due_on, today=today)
    if expected - percent_complete > BEHIND_BY:
        return AMBER
    return GREEN


def action_rag(action: PlanAction, *, today: date | None = None) -> Rag:
    """The RAG rating of ``action`` today (or on ``today``)."""
    return rag_for(
        status=action.status,
        starts_on=action.starts_on,
        due_on=action.due_on,
        percent_complete=action.percent_complete,
        today=today or timezone.localdate(),
    )
