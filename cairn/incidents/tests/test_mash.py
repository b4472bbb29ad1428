"""The MASH front door: per-child queue against the 1-working-day clock, screening, decisions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.html import escape

from cairn.accounts.choices import Role
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
