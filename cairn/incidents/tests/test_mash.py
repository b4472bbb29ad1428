"""The MASH front door: per-child queue against the 1-working-day clock, screening, decisions."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.html import escape

from cairn.accounts.choices import Role
from cairn.incidents import services
from cairn.incidents.choices import DecisionOutcome, MashStage
from cairn.incidents.models import Decision
from cairn.incidents.selectors.mash import mash_queue
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def referral(partnership, la):
    """A child referred to the MASH on Friday 6 March 2026 at 16:30."""
    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    return InvolvementFactory(
        incident=incident,
        mash_received_at=dt.datetime(2026, 3, 6, 16, 30, tzinfo=LONDON),
        mash_stage=MashStage.CONTACT,
    )


def test_a_friday_referral_is_due_monday_and_not_overdue_on_monday(make_user, referral):
    mash = make_user(Role.MASH_PRACTITIONER)
    [row] = mash_queue(mash, today=dt.date(2026, 3, 9))
    assert row.clock.due == dt.date(2026, 3, 9)
    assert not row.clock.is_overdue


def test_the_referral_becomes_overdue_on_tuesday(make_user, referral):
    mash = make_user(Role.MASH_PRACTITIONER)
    [row] = mash_queue(mash, today=dt.date(2026, 3, 10))
    assert row.clock.is_overdue
    assert row.clock.phrase == "Overdue by 1 working day"


def test_overdue_children_come_first(make_user, partnership, la, referral):
    later = InvolvementFactory(
        incident=IncidentFactory(partnership=partnership, reporting_agency=la),
        mash_received_at=dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON),
        mash_stage=MashStage.CONTACT,
    )
    rows = mash_queue(make_user(Role.MASH_MANAGER), today=dt.date(2026, 3, 10))
    assert [r.involvement for r in rows] == [referral, later]


def test_a_decided_child_leaves_the_queue(client, signed_in, make_user, referral):
    mash = make_user(Role.MASH_PRACTITIONER)
    signed_in(client, mash)
    client.post(
        f"/incidents/involvements/{referral.pk}/decision/",
        {"outcome": "early_help", "reasons": "Needs support"},
    )
    assert mash_queue(mash) == []
    assert Decision.objects.get(involvement=referral).outcome == DecisionOutcome.EARLY_HELP


@time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=LONDON))
def test_the_queue_page_flags_overdue_work(client, signed_in, make_user, referral):
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    html = client.get("/incidents/mash/").content.decode()
    assert escape(str(referral.person)) in html
    assert "Overdue by 1 working day" in html


def test_a_decision_without_reasons_is_refused_and_the_choice_kept(
    client, signed_in, make_user, referral
):
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    response = client.post(
        f"/incidents/involvements/{referral.pk}/decision/", {"outcome": "strategy", "reasons": ""}
    )
    html = response.content.decode()
    assert "Give the reasons for the decision" in html
    assert 'value="strategy" checked' in html
    assert not Decision.objects.exists()


def test_two_people_screening_one_child_at_once_get_a_conflict(
    client, signed_in, make_user, referral
):
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    stale = referral.version
    first = client.post(
        f"/incidents/involvements/{referral.pk}/screening/",
        {"version": stale, "rag": "red", "stage": "screening"},
    )
    assert first.status_code == 302
    second = client.post(
        f"/incidents/involvements/{referral.pk}/screening/",
        {"version": stale, "rag": "green", "stage": "decision"},
    )
    assert "changed by someone else" in second.content.decode()
    referral.refresh_from_db()
    assert referral.rag == "red"


def test_a_manager_signs_off_from_the_queue(client, signed_in, make_user, referral):
    practitioner = make_user(Role.MASH_PRACTITIONER)
    decision = Decision.objects.create(
        involvement=referral, outcome="nfa", reasons="No concerns", decided_by=practitioner,
        decided_at=dt.datetime(2026, 3, 9, 9, 0, tzinfo=LONDON),
    )  # fmt: skip
    manager = make_user(Role.MASH_MANAGER)
    signed_in(client, manager)
    assert "Decisions awaiting your sign-off" in client.get("/incidents/mash/").content.decode()
    client.post(f"/incidents/decisions/{decision.pk}/sign-off/")
    decision.refresh_from_db()
    assert decision.signed_off_by == manager


def test_a_dsl_cannot_open_the_mash_queue(client, signed_in, make_user, school):
    signed_in(client, make_user(Role.DSL, agency=school))
    assert client.get("/incidents/mash/").status_code == 403


# Overdue at the right moment, on the right people's lists (frozen clocks) -----------------


def home_figure(client, label: str) -> str:
    """The value beside ``label`` in the MASH panel of the home page."""
    html = client.get("/").content.decode()
    assert ">MASH decisions</h2>" in html, "no MASH panel on the home page"
    panel = html.split(">MASH decisions</h2>", 1)[1].split('class="govuk-summary-card"', 1)[0]
    match = re.search(
        rf'<dt class="govuk-summary-list__key">{label}</dt>'
        r'<dd class="govuk-summary-list__value">(\d+)</dd>',
        panel,
    )
    assert match, f"no figure {label!r} on the home page"
    return match.group(1)


@time_machine.travel(dt.datetime(2026, 3, 9, 23, 59, tzinfo=LONDON), tick=False)
def test_a_decision_due_monday_is_not_overdue_at_one_minute_to_midnight(make_user, referral):
    [row] = mash_queue(make_user(Role.MASH_PRACTITIONER))
    assert not row.clock.is_overdue
    assert row.clock.phrase == "Due today"


@time_machine.travel(dt.datetime(2026, 3, 10, 0, 1, tzinfo=LONDON), tick=False)
def test_a_decision_due_monday_is_overdue_from_midnight(make_user, referral):
    [row] = mash_queue(make_user(Role.MASH_PRACTITIONER))
    assert row.clock.is_overdue
    assert row.clock.phrase == "Overdue by 1 working day"


@time_machine.travel(dt.datetime(2026, 3, 9, 17, 0, tzinfo=LONDON), tick=False)
def test_the_home_page_counts_no_overdue_decision_on_the_due_day(
    client, signed_in, make_user, referral
):
    signed_in(client, make_user(Role.MASH_MANAGER))
    assert home_figure(client, "Children awaiting a decision") == "1"
    assert home_figure(client, "Overdue") == "0"


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False)
def test_the_home_page_counts_the_overdue_decision_the_next_working_day(
    client, signed_in, make_user, referral
):
    signed_in(client, make_user(Role.MASH_MANAGER))
    assert home_figure(client, "Overdue") == "1"


@time_machine.travel(dt.datetime(2026, 6, 9, 0, 30, tzinfo=LONDON), tick=False)
def test_a_late_friday_referral_in_summer_counts_from_friday_in_london(make_user, partnership, la):
    """23:30 on Friday in London (BST) is 22:30 UTC: still Friday, so due Monday; 00:30 on
    Tuesday in London is still Monday in UTC, but the decision is already overdue."""
    InvolvementFactory(
        incident=IncidentFactory(partnership=partnership, reporting_agency=la),
        mash_received_at=dt.datetime(2026, 6, 5, 23, 30, tzinfo=LONDON),
        mash_stage=MashStage.CONTACT,
    )
    [row] = mash_queue(make_user(Role.MASH_PRACTITIONER))
    assert row.clock.due == dt.date(2026, 6, 8)
    assert row.clock.is_overdue


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False)
def test_an_overdue_decision_is_on_every_mash_users_queue_but_not_an_excluded_users(
    make_user, referral
):
    practitioner, manager, excluded = (
        make_user(Role.MASH_PRACTITIONER),
        make_user(Role.MASH_MANAGER),
        make_user(Role.MASH_PRACTITIONER),
    )
    referral.restricted = True
    referral.save()
    referral.excluded_users.add(excluded)
    for user in (practitioner, manager):
        [row] = mash_queue(user)
        assert row.involvement == referral and row.clock.is_overdue
    assert mash_queue(excluded) == []


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False)
def test_an_overdue_decision_is_not_on_a_dsls_home_page(client, signed_in, make_user, school):
    signed_in(client, make_user(Role.DSL, agency=school))
    assert "MASH decisions" not in client.get("/").content.decode()


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False)
def test_a_decision_made_late_takes_the_child_off_the_overdue_count(
    client, signed_in, make_user, referral
):
    mash = make_user(Role.MASH_PRACTITIONER)
    services.decision_record(
        by=mash, involvement=referral, outcome=DecisionOutcome.NFA, reasons="No concerns"
    )
    signed_in(client, mash)
    assert home_figure(client, "Overdue") == "0"


# Bad input -------------------------------------------------------------------------------


def test_a_decision_with_only_spaces_for_reasons_is_refused_by_the_service(make_user, referral):
    with pytest.raises(ValidationError, match="Give the reasons for the decision"):
        services.decision_record(
            by=make_user(Role.MASH_PRACTITIONER),
            involvement=referral,
            outcome=DecisionOutcome.STRATEGY,
            reasons="   ",
        )
    assert not Decision.objects.exists()


def test_a_decision_without_an_outcome_is_refused_with_a_clear_message(
    client, signed_in, make_user, referral
):
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    html = client.post(
        f"/incidents/involvements/{referral.pk}/decision/", {"reasons": "Significant harm"}
    ).content.decode()
    assert "Choose the decision for this child" in html
    assert "Significant harm" in html
    assert not Decision.objects.exists()
