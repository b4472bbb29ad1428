"""The timescales file: what it says, and that a broken one is refused."""

import pytest

from cairn.clocks.choices import Status, Unit
from cairn.clocks.timescales import national_timescales, override_problem, parse_timescales


def entry(**changes):
    base = {
        "label": "Do the thing",
        "amount": 5,
        "unit": "working_days",
        "starts_from": "the event",
        "source": "test",
        "status": "confirmed",
    }
    return base | changes


@pytest.mark.parametrize(
    ("key", "amount", "unit"),
    [
        ("referral_decision", 1, Unit.WORKING_DAYS),
        ("contact_decision", 1, Unit.WORKING_DAYS),
        ("child_and_family_assessment", 45, Unit.WORKING_DAYS),
        ("icpc", 15, Unit.WORKING_DAYS),
        ("first_review_conference", 3, Unit.MONTHS),
        ("subsequent_review_conference", 6, Unit.MONTHS),
        ("core_group_first", 10, Unit.WORKING_DAYS),
        ("serious_incident_notification", 5, Unit.WORKING_DAYS),
        ("rapid_review", 15, Unit.WORKING_DAYS),
        ("cspr_publication", 6, Unit.MONTHS),
        ("cspr_advance_copy", -7, Unit.WORKING_DAYS),
        ("school_risk_assessment_review", 20, Unit.WORKING_DAYS),
    ],
)
def test_the_timescales_file_holds_each_clock_of_the_guidance(key, amount, unit):
    timescale = national_timescales()[key]
    assert (timescale.amount, timescale.unit) == (amount, unit)


def test_the_guidances_unconfirmed_timescales_are_marked_unconfirmed():
    table = national_timescales()
    for key in ("core_group_first", "cspr_publication", "cspr_advance_copy"):
        assert table[key].status == Status.UNCONFIRMED


def test_local_practice_is_not_marked_as_national():
    table = national_timescales()
    assert table["contact_decision"].status == Status.LOCAL
    assert table["school_risk_assessment_review"].status == Status.LOCAL


def test_a_timescale_of_zero_is_refused():
    with pytest.raises(ValueError, match="amount must be a whole number other than 0"):
        parse_timescales({"timescales": {"bad": entry(amount=0)}})


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="'bad'.*unit must be one of"):
        parse_timescales({"timescales": {"bad": entry(unit="fortnights")}})


def test_a_timescale_without_a_source_is_refused():
    bare = entry()
    del bare["source"]
    with pytest.raises(ValueError, match="source is missing"):
        parse_timescales({"timescales": {"bad": bare}})


def test_duration_reads_as_plain_english():
    table = national_timescales()
    assert table["referral_decision"].duration == "1 working day"
    assert table["first_review_conference"].duration == "3 months"
    assert table["cspr_advance_copy"].duration == "7 working days before"


def test_a_confirmed_timescale_may_be_shortened():
    assessment = national_timescales()["child_and_family_assessment"]
    assert override_problem(assessment, amount=35, unit=Unit.WORKING_DAYS) is None


def test_a_confirmed_timescale_may_not_be_lengthened():
    assessment = national_timescales()["child_and_family_assessment"]
    problem = override_problem(assessment, amount=50, unit=Unit.WORKING_DAYS)
    assert "never longer" in problem


def test_a_confirmed_timescale_may_not_change_its_unit():
    icpc = national_timescales()["icpc"]
    assert override_problem(icpc, amount=2, unit=Unit.CALENDAR_DAYS) is not None


def test_an_unconfirmed_timescale_may_be_lengthened():
    core_group = national_timescales()["core_group_first"]
    assert override_problem(core_group, amount=15, unit=Unit.WORKING_DAYS) is None


def test_a_deadline_before_publication_may_not_become_one_after_it():
    advance_copy = national_timescales()["cspr_advance_copy"]
    assert "before" in override_problem(advance_copy, amount=7, unit=Unit.WORKING_DAYS)
