from datetime import date

import pytest

from cairn.actionplans.models import ActionStatus
from cairn.actionplans.selectors import AMBER, COMPLETE, GREEN, RED, WITHDRAWN, rag_for

START = date(2026, 1, 5)
DUE = date(2026, 12, 31)


def rag(today, *, status=ActionStatus.IN_PROGRESS, percent=50):
    return rag_for(
        status=status, starts_on=START, due_on=DUE, percent_complete=percent, today=today
    )


def test_an_action_on_its_due_date_is_not_yet_overdue():
    assert rag(DUE) == AMBER


def test_an_action_turns_red_the_day_after_its_due_date():
    assert rag(date(2027, 1, 1)) == RED


def test_an_action_due_within_four_weeks_is_at_risk():
    assert rag(date(2026, 12, 3), percent=90) == AMBER


def test_an_action_keeping_pace_is_on_track():
    assert rag(date(2026, 6, 1), percent=40) == GREEN


def test_an_action_far_behind_its_time_is_at_risk():
    assert rag(date(2026, 9, 1), percent=20) == AMBER


@pytest.mark.parametrize(
    ("status", "expected"), [(ActionStatus.COMPLETE, COMPLETE), (ActionStatus.WITHDRAWN, WITHDRAWN)]
)
def test_complete_and_withdrawn_actions_are_never_overdue(status, expected):
    assert rag(date(2027, 6, 1), status=status) == expected
