"""Due dates and time left: the API every other app calls."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cairn.accounts.tests.factories import PartnershipFactory
from cairn.clocks.choices import Unit
from cairn.clocks.selectors import clock_book, due_date, time_left, timescales_for
from cairn.clocks.tests.factories import LocalTimescaleFactory
from cairn.clocks.timescales import UnknownClock

LONDON = ZoneInfo("Europe/London")


def test_a_referral_on_christmas_eve_2020_is_due_on_tuesday_29_december():
    assert due_date(clock="referral_decision", start=date(2020, 12, 24)) == date(2020, 12, 29)


def test_a_referral_on_friday_evening_is_due_on_monday():
    received = datetime(2024, 1, 12, 17, 0, tzinfo=LONDON)
    assert due_date(clock="referral_decision", start=received) == date(2024, 1, 15)


def test_a_referral_on_saturday_is_due_on_monday():
    assert due_date(clock="referral_decision", start=date(2024, 1, 13)) == date(2024, 1, 15)


def test_a_start_time_is_taken_as_its_date_in_london():
    # 23:30 UTC on Sunday 30 June 2024 is 00:30 on Monday 1 July in London (summer time).
    received = datetime(2024, 6, 30, 23, 30, tzinfo=UTC)
    assert due_date(clock="referral_decision", start=received) == date(2024, 7, 2)


def test_a_45_working_day_assessment_across_christmas_and_new_year():
    # Christmas Day, Boxing Day and New Year's Day 2024-25 fall on weekdays.
    assert due_date(clock="child_and_family_assessment", start=date(2024, 12, 2)) == date(
        2025, 2, 6
    )


def test_an_icpc_is_due_15_working_days_after_the_strategy_discussion():
    # Crosses the early May bank holiday (Monday 6 May 2024).
    assert due_date(clock="icpc", start=date(2024, 4, 23)) == date(2024, 5, 15)


def test_a_serious_incident_notification_across_easter():
    # Good Friday 29 March and Easter Monday 1 April 2024.
    assert due_date(clock="serious_incident_notification", start=date(2024, 3, 27)) == date(
        2024, 4, 5
    )


def test_a_rapid_review_is_due_15_working_days_after_awareness():
    assert due_date(clock="rapid_review", start=date(2024, 3, 27)) == date(2024, 4, 19)


def test_a_first_review_conference_three_months_after_30_november_is_29_february():
    assert due_date(clock="first_review_conference", start=date(2023, 11, 30)) == date(2024, 2, 29)


def test_a_review_six_months_after_30_august_is_due_at_the_end_of_february():
    assert due_date(clock="subsequent_review_conference", start=date(2024, 8, 30)) == date(
        2025, 2, 28
    )


def test_a_months_clock_ending_on_a_saturday_is_due_the_friday_before():
    # 13 October 2023 + 3 months = Saturday 13 January 2024.
    assert due_date(clock="first_review_conference", start=date(2023, 10, 13)) == date(2024, 1, 12)


def test_a_months_clock_ending_on_a_bank_holiday_is_due_the_working_day_before():
    # 27 February 2024 + 3 months = Monday 27 May 2024, the spring bank holiday.
    assert due_date(clock="first_review_conference", start=date(2024, 2, 27)) == date(2024, 5, 24)


def test_the_advance_copy_is_due_7_working_days_before_publication():
    assert due_date(clock="cspr_advance_copy", start=date(2025, 1, 9)) == date(2024, 12, 30)


def test_cspr_publication_is_due_6_months_after_the_decision_to_initiate():
    assert due_date(clock="cspr_publication", start=date(2024, 3, 15)) == date(2024, 9, 13)


def test_an_unknown_clock_is_refused_with_the_known_ones_named():
    with pytest.raises(UnknownClock, match="No clock called 'icpc_typo'.*icpc, rapid_review"):
        due_date(clock="icpc_typo", start=date(2024, 1, 15))


@pytest.mark.django_db
def test_a_partnerships_closure_days_are_not_working_days():
    partnership = PartnershipFactory(local_closure_days=[date(2024, 12, 24), date(2024, 12, 27)])
    assert due_date(
        clock="referral_decision", start=date(2024, 12, 23), partnership=partnership
    ) == date(2024, 12, 30)


@pytest.mark.django_db
def test_another_partnerships_closure_days_do_not_count():
    PartnershipFactory(local_closure_days=[date(2024, 12, 24)])
    other = PartnershipFactory()
    assert due_date(clock="referral_decision", start=date(2024, 12, 23), partnership=other) == date(
        2024, 12, 24
    )


@pytest.mark.django_db
def test_a_partnership_override_of_an_unconfirmed_timescale_is_used():
    local = LocalTimescaleFactory(key="core_group_first", amount=5)
    assert due_date(
        clock="core_group_first", start=date(2024, 1, 8), partnership=local.partnership
    ) == date(2024, 1, 15)


@pytest.mark.django_db
def test_a_partnership_override_does_not_change_other_partnerships():
    LocalTimescaleFactory(key="core_group_first", amount=5)
    other = PartnershipFactory()
    assert due_date(clock="core_group_first", start=date(2024, 1, 8), partnership=other) == date(
        2024, 1, 22
    )


@pytest.mark.django_db
def test_an_overridden_timescale_keeps_its_national_label_and_is_marked_local():
    local = LocalTimescaleFactory(key="core_group_first", amount=5)
    timescale = timescales_for(partnership=local.partnership)["core_group_first"]
    assert timescale.is_local
    assert timescale.label == "Hold the first core group meeting"
    assert timescale.duration == "5 working days"


@pytest.mark.django_db
def test_a_partnership_may_add_a_local_clock():
    local = LocalTimescaleFactory(
        key="strategy_discussion",
        label="Hold the strategy discussion",
        starts_from="the decision to hold one",
        amount=3,
        unit=Unit.WORKING_DAYS,
    )
    assert due_date(
        clock="strategy_discussion", start=date(2024, 1, 12), partnership=local.partnership
    ) == date(2024, 1, 17)


@pytest.mark.django_db
def test_another_partnerships_local_clock_is_unknown():
    LocalTimescaleFactory(key="strategy_discussion", label="x", starts_from="y", amount=3)
    with pytest.raises(UnknownClock):
        due_date(
            clock="strategy_discussion", start=date(2024, 1, 12), partnership=PartnershipFactory()
        )


@pytest.mark.django_db
def test_a_clock_book_reads_the_partnership_once_for_many_due_dates(
    django_assert_num_queries,
):
    partnership = PartnershipFactory()
    with django_assert_num_queries(1):
        book = clock_book(partnership=partnership)
        for day in range(1, 29):
            book.due_date(clock="icpc", start=date(2024, 2, day))


def test_time_left_on_the_due_date_is_due_today():
    left = time_left(clock="referral_decision", start=date(2024, 1, 12), today=date(2024, 1, 15))
    assert (left.phrase, left.working_days_left, left.is_due_today) == ("Due today", 0, True)


def test_time_left_the_working_day_before_is_one_working_day():
    left = time_left(clock="referral_decision", start=date(2024, 1, 12), today=date(2024, 1, 12))
    assert (left.phrase, left.working_days_left) == ("1 working day left", 1)


def test_time_left_counts_only_working_days():
    left = time_left(clock="icpc", start=date(2024, 4, 23), today=date(2024, 5, 3))
    assert (left.phrase, left.working_days_left) == ("7 working days left", 7)


def test_time_left_after_the_due_date_is_overdue_by_working_days():
    left = time_left(clock="referral_decision", start=date(2024, 1, 11), today=date(2024, 1, 17))
    assert (left.phrase, left.working_days_left, left.is_overdue) == (
        "Overdue by 3 working days",
        -3,
        True,
    )


def test_time_left_one_working_day_late_is_singular():
    left = time_left(clock="referral_decision", start=date(2024, 1, 11), today=date(2024, 1, 15))
    assert left.phrase == "Overdue by 1 working day"


def test_time_left_on_the_weekend_after_a_friday_deadline_is_overdue_with_the_date():
    left = time_left(clock="referral_decision", start=date(2024, 1, 11), today=date(2024, 1, 13))
    assert left.is_overdue
    assert left.working_days_left == 0
    assert left.phrase == "Overdue: it was due Friday 12 January 2024"


def test_time_left_is_not_overdue_before_the_due_date():
    left = time_left(clock="icpc", start=date(2024, 4, 23), today=date(2024, 4, 24))
    assert not left.is_overdue
    assert left.due == date(2024, 5, 15)


@time_machine.travel(datetime(2024, 1, 15, 9, 0, tzinfo=LONDON), tick=False)
def test_time_left_counts_from_today_in_london_when_no_day_is_given():
    left = time_left(clock="referral_decision", start=date(2024, 1, 12))
    assert left.phrase == "Due today"
