"""Working days in England and Wales, counted the Cairn way (docs/decisions/0009)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cairn.clocks.calendar import WorkingCalendar, add_months, bank_holidays

NATIONAL = WorkingCalendar()
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
offsets = st.integers(min_value=-300, max_value=300)


def test_weekends_are_not_working_days():
    assert not NATIONAL.is_working_day(date(2024, 1, 13))  # Saturday
    assert not NATIONAL.is_working_day(date(2024, 1, 14))  # Sunday
    assert NATIONAL.is_working_day(date(2024, 1, 15))  # Monday


def test_substitute_bank_holidays_are_not_working_days():
    # Boxing Day 2020 was a Saturday; Monday 28 December was the substitute day.
    assert date(2020, 12, 28) in bank_holidays(2020)
    assert not NATIONAL.is_working_day(date(2020, 12, 28))


def test_one_off_bank_holidays_are_not_working_days():
    assert not NATIONAL.is_working_day(date(2022, 9, 19))  # State funeral
    assert not NATIONAL.is_working_day(date(2023, 5, 8))  # Coronation


def test_friday_plus_one_working_day_is_monday():
    assert NATIONAL.add_working_days(date(2024, 1, 12), 1) == date(2024, 1, 15)


def test_saturday_and_sunday_plus_one_working_day_are_monday():
    assert NATIONAL.add_working_days(date(2024, 1, 13), 1) == date(2024, 1, 15)
    assert NATIONAL.add_working_days(date(2024, 1, 14), 1) == date(2024, 1, 15)


def test_christmas_eve_2020_plus_one_working_day_is_tuesday_29_december():
    assert NATIONAL.add_working_days(date(2020, 12, 24), 1) == date(2020, 12, 29)


def test_new_year_bank_holiday_is_skipped():
    # Wednesday 1 January 2025.
    assert NATIONAL.add_working_days(date(2024, 12, 31), 1) == date(2025, 1, 2)


def test_easter_bank_holidays_are_skipped():
    # Good Friday 29 March and Easter Monday 1 April 2024.
    assert NATIONAL.add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)


def test_early_may_bank_holiday_is_skipped():
    assert NATIONAL.add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 7)


def test_late_may_bank_holiday_is_skipped():
    assert NATIONAL.add_working_days(date(2024, 5, 24), 1) == date(2024, 5, 28)


def test_summer_bank_holiday_is_skipped():
    assert NATIONAL.add_working_days(date(2024, 8, 23), 1) == date(2024, 8, 27)


def test_closure_days_are_not_working_days():
    calendar = WorkingCalendar(closure_days=[date(2024, 12, 24), date(2024, 12, 27)])
    assert not calendar.is_working_day(date(2024, 12, 24))
    assert calendar.add_working_days(date(2024, 12, 23), 1) == date(2024, 12, 30)


def test_negative_working_days_count_back_over_new_year():
    assert NATIONAL.add_working_days(date(2025, 1, 9), -7) == date(2024, 12, 30)


def test_minus_one_working_day_from_monday_or_sunday_is_friday():
    assert NATIONAL.add_working_days(date(2024, 1, 15), -1) == date(2024, 1, 12)
    assert NATIONAL.add_working_days(date(2024, 1, 14), -1) == date(2024, 1, 12)


def test_adding_zero_working_days_changes_nothing():
    assert NATIONAL.add_working_days(date(2024, 1, 13), 0) == date(2024, 1, 13)


def test_working_days_between_a_friday_and_the_next_monday_is_one():
    assert NATIONAL.working_days_between(date(2024, 1, 12), date(2024, 1, 15)) == 1


def test_working_days_between_is_negative_when_the_end_is_earlier():
    assert NATIONAL.working_days_between(date(2024, 1, 15), date(2024, 1, 10)) == -3


def test_working_days_between_a_day_and_itself_is_zero():
    assert NATIONAL.working_days_between(date(2024, 1, 13), date(2024, 1, 13)) == 0


def test_one_month_after_31_january_is_the_end_of_february():
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_months_cross_the_year_end():
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


def test_negative_months_clamp_to_the_end_of_the_month():
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)


@settings(deadline=None)
@given(start=dates, days=offsets.filter(bool))
def test_adding_working_days_always_lands_on_a_working_day(start, days):
    assert NATIONAL.is_working_day(NATIONAL.add_working_days(start, days))


@settings(deadline=None)
@given(start=dates, days=offsets)
def test_working_days_between_undoes_add_working_days_from_a_working_day(start, days):
    while not NATIONAL.is_working_day(start):
        start += timedelta(days=1)
    assert NATIONAL.working_days_between(start, NATIONAL.add_working_days(start, days)) == days


@settings(deadline=None)
@given(start=dates, days=offsets.filter(bool))
def test_add_working_days_moves_in_the_direction_of_its_sign(start, days):
    result = NATIONAL.add_working_days(start, days)
    assert (result > start) == (days > 0)


@settings(deadline=None)
@given(
    start=dates,
    days=offsets.filter(bool),
    closed=st.lists(st.integers(min_value=-60, max_value=60), max_size=20),
)
def test_closure_days_are_never_due_dates(start, days, closed):
    closures = {start + timedelta(days=k) for k in closed}
    assert WorkingCalendar(closure_days=closures).add_working_days(start, days) not in closures
