"""The statutory route: each step's clock, order and refusals (frozen clock)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from cairn.accounts.choices import Role
from cairn.core.services import EditConflict
from cairn.reviews import services
from cairn.reviews.models import ReviewKind, ReviewStatus
from cairn.reviews.selectors import route_for
from cairn.reviews.tests.factories import ReviewFactory

D = dt.date


@pytest.fixture
def manager(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def review(partnership, manager):
    return ReviewFactory(
        partnership=partnership,
        owner=manager,
        kind=ReviewKind.SERIOUS_INCIDENT_NOTIFICATION,
        aware_on=D(2024, 12, 19),
    )


def _steps(review, today):
    return {s.key: s for s in route_for(review, today=today)}


def test_notification_is_due_5_working_days_after_awareness_over_christmas(review):
    # Thursday 19 December 2024: Christmas Day, Boxing Day and the weekend are not counted
    step = _steps(review, D(2024, 12, 20))["notified"]
    assert step.due == D(2024, 12, 30)
    assert step.clock.phrase == "4 working days left"


def test_rapid_review_is_due_15_working_days_after_awareness(review):
    assert _steps(review, D(2024, 12, 20))["rapid_review"].due == D(2025, 1, 14)


def test_an_unfinished_step_past_its_date_is_overdue_in_working_days(review):
    step = _steps(review, D(2025, 1, 2))["notified"]
    assert step.clock.is_overdue
    assert step.clock.phrase == "Overdue by 2 working days"


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_step_done_after_its_due_date_is_marked_late(review, manager):
    review = services.review_record_notification(
        by=manager, review=review, expected_version=review.version, notified_on=D(2025, 1, 6)
    )
    step = _steps(review, D(2025, 1, 10))["notified"]
    assert step.on_time is False
    assert step.clock is None


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_notification_before_awareness_is_refused(review, manager):
    with pytest.raises(ValidationError) as refused:
        services.review_record_notification(
            by=manager, review=review, expected_version=review.version, notified_on=D(2024, 12, 1)
        )
    assert "before the local authority became aware" in refused.value.message_dict["notified_on"][0]


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_date_in_the_future_is_refused(review, manager):
    with pytest.raises(ValidationError) as refused:
        services.review_record_notification(
            by=manager, review=review, expected_version=review.version, notified_on=D(2025, 1, 11)
        )
    assert "today or in the past" in refused.value.message_dict["notified_on"][0]


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_rapid_review_cannot_be_recorded_without_a_notification(review, manager):
    with pytest.raises(ValidationError, match="before the serious incident notification"):
        services.review_record_rapid_review(
            by=manager,
            review=review,
            expected_version=review.version,
            rapid_review_held_on=D(2025, 1, 6),
        )


def _to_rapid_review(review, manager):
    review = services.review_record_notification(
        by=manager, review=review, expected_version=review.version, notified_on=D(2024, 12, 23)
    )
    return services.review_record_rapid_review(
        by=manager,
        review=review,
        expected_version=review.version,
        rapid_review_held_on=D(2025, 1, 6),
        rapid_review_sent_on=D(2025, 1, 7),
    )


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_recording_the_rapid_review_makes_the_notification_a_rapid_review(review, manager):
    assert _to_rapid_review(review, manager).kind == ReviewKind.RAPID_REVIEW


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_decision_before_the_rapid_review_is_refused(review, manager):
    review = _to_rapid_review(review, manager)
    with pytest.raises(ValidationError) as refused:
        services.review_record_decision(
            by=manager,
            review=review,
            expected_version=review.version,
            decision="local_cspr",
            decided_on=D(2025, 1, 3),
            decision_rationale="Learning for schools",
        )
    assert "before the rapid review" in refused.value.message_dict["decided_on"][0]


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_cspr_decision_makes_the_review_a_local_cspr_with_publication_due_in_6_months(
    review, manager
):
    review = _to_rapid_review(review, manager)
    review = services.review_record_decision(
        by=manager,
        review=review,
        expected_version=review.version,
        decision="local_cspr",
        decided_on=D(2025, 1, 8),
        decision_rationale="Learning for schools",
    )
    assert review.kind == ReviewKind.LOCAL_CSPR
    assert _steps(review, D(2025, 1, 10))["published"].due == D(2025, 7, 8)


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_no_further_review_closes_the_review(review, manager):
    review = _to_rapid_review(review, manager)
    review = services.review_record_decision(
        by=manager,
        review=review,
        expected_version=review.version,
        decision="no_further_review",
        decided_on=D(2025, 1, 8),
        decision_rationale="Learning already acted on",
    )
    assert review.status == ReviewStatus.CLOSED


def test_the_advance_copy_is_due_7_working_days_before_planned_publication(partnership, manager):
    review = ReviewFactory(
        partnership=partnership,
        owner=manager,
        kind=ReviewKind.LOCAL_CSPR,
        decision="local_cspr",
        decided_on=D(2024, 7, 1),
        publication_planned_on=D(2025, 1, 9),
    )
    assert _steps(review, D(2024, 12, 1))["advance_copy"].due == D(2024, 12, 30)


@time_machine.travel("2025-03-10 12:00", tick=False)
def test_publication_before_completion_is_refused(partnership, manager):
    review = ReviewFactory(
        partnership=partnership,
        owner=manager,
        kind=ReviewKind.THEMATIC,
        commissioned_on=D(2025, 1, 1),
        completed_on=D(2025, 3, 1),
    )
    with pytest.raises(ValidationError) as refused:
        services.review_record_publication(
            by=manager,
            review=review,
            expected_version=review.version,
            published_on=D(2025, 2, 1),
            publication_url="https://example.org/r",
        )
    assert "before it was completed" in refused.value.message_dict["published_on"][0]


@time_machine.travel("2025-01-10 12:00", tick=False)
def test_a_step_saved_against_an_old_version_is_refused(review, manager):
    stale = review.version
    services.review_record_notification(
        by=manager, review=review, expected_version=stale, notified_on=D(2024, 12, 23)
    )
    with pytest.raises(EditConflict):
        services.review_record_notification(
            by=manager, review=review, expected_version=stale, notified_on=D(2024, 12, 24)
        )


def test_a_review_group_member_may_not_move_a_review_on(review, make_user):
    from django.core.exceptions import PermissionDenied

    member = make_user(Role.REVIEW_GROUP_MEMBER)
    with pytest.raises(PermissionDenied):
        services.review_record_notification(
            by=member, review=review, expected_version=review.version, notified_on=D(2024, 12, 23)
        )
