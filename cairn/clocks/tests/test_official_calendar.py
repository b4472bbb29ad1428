"""Due dates against a table written by hand from the official GOV.UK bank-holiday calendars
for England and Wales (2022-2026), including the 2022 Platinum Jubilee, the Queen's state
funeral (19 Sep 2022) and the Coronation (8 May 2023)."""

from datetime import date

import pytest

from cairn.clocks.selectors import due_date

EXPECTED = [
    # clock, start, due, why
    (
        "referral_decision",
        date(2022, 6, 1),
        date(2022, 6, 6),
        "Spring bank holiday moved + Platinum Jubilee",
    ),
    (
        "referral_decision",
        date(2022, 9, 16),
        date(2022, 9, 20),
        "State funeral of Queen Elizabeth II",
    ),
    ("referral_decision", date(2023, 5, 5), date(2023, 5, 9), "Coronation of King Charles III"),
    (
        "referral_decision",
        date(2022, 12, 23),
        date(2022, 12, 28),
        "Boxing Day and Christmas substitute",
    ),
    ("referral_decision", date(2022, 12, 30), date(2023, 1, 3), "New Year's Day substitute"),
    ("referral_decision", date(2023, 4, 6), date(2023, 4, 11), "Easter 2023"),
    ("referral_decision", date(2024, 3, 28), date(2024, 4, 2), "Easter 2024"),
    ("icpc", date(2023, 4, 3), date(2023, 4, 26), "15 working days over Easter 2023"),
    (
        "serious_incident_notification",
        date(2022, 12, 21),
        date(2022, 12, 30),
        "5 working days over Christmas 2022",
    ),
    ("rapid_review", date(2023, 5, 1), date(2023, 5, 23), "15 working days over the Coronation"),
    (
        "child_and_family_assessment",
        date(2025, 12, 1),
        date(2026, 2, 5),
        "45 working days over Christmas",
    ),
    ("icpc", date(2026, 3, 20), date(2026, 4, 14), "15 working days over Easter 2026"),
    ("icpc", date(2024, 12, 20), date(2025, 1, 15), "15 working days over Christmas and New Year"),
]


@pytest.mark.parametrize(
    ("clock", "start", "due", "why"), EXPECTED, ids=[row[3] for row in EXPECTED]
)
def test_due_dates_match_the_official_calendar(clock, start, due, why):
    assert due_date(clock=clock, start=start) == due
