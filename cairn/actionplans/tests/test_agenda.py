"""Proposing a meeting's agenda from what is due for its body."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import UserFactory
from cairn.actionplans.agenda import agenda_propose, next_monitoring_on
from cairn.actionplans.models import ActionPlan, ActionStatus, PlanAction, PlanKind, PlanStatus
from cairn.governance.models import AgendaItem, AgendaItemKind, BodyKind
from cairn.governance.tests.factories import GovernanceBodyFactory, MeetingFactory
from cairn.reviews.models import RecommendationSource, ReviewKind
from cairn.reviews.tests.factories import RecommendationFactory, ReviewFactory
from conftest import sign_in

MEETING_DAY = dt.date(2026, 6, 10)


def make_plan(body, owner, *, title="Child T multi-agency plan", **fields):
    values = {
        "partnership": body.partnership,
        "kind": PlanKind.MULTI_AGENCY,
        "title": title,
        "owner": owner,
        "monitoring_body": body,
        "monitor_every_months": 2,
        "status": PlanStatus.MONITORED,
        "starts_on": dt.date(2026, 1, 5),
    }
    return ActionPlan.objects.create(**{**values, **fields})


def make_action(plan, number, *, agency, **fields):
    values = {
        "plan": plan,
        "number": number,
        "description": f"Synthetic action {number}",
        "lead_agency": agency,
        "lead_name": "Synthetic Lead",
        "starts_on": dt.date(2026, 1, 5),
        "due_on": dt.date(2026, 12, 31),
        "status": ActionStatus.IN_PROGRESS,
    }
    return PlanAction.objects.create(**{**values, **fields})


@pytest.fixture
def officer(la):
    return UserFactory(agency=la, roles=[Role.PARTNERSHIP_OFFICER])


@pytest.fixture
def group(partnership):
    return GovernanceBodyFactory(partnership=partnership, kind=BodyKind.REVIEW_GROUP)


@pytest.fixture
def meeting(group):
    return MeetingFactory(body=group, held_on=MEETING_DAY)


def subjects(meeting, kind):
    return [i.subject for i in meeting.agenda_items.filter(kind=kind)]


def test_next_monitoring_is_the_last_plus_the_frequency(group, officer):
    plan = make_plan(group, officer, last_monitored_on=dt.date(2026, 1, 31), monitor_every_months=1)
    assert next_monitoring_on(plan) == dt.date(2026, 2, 28)


def test_a_plan_due_for_monitoring_is_put_on_the_agenda(meeting, group, officer):
    due = make_plan(group, officer, last_monitored_on=dt.date(2026, 4, 10))
    agenda_propose(meeting=meeting, by=officer)
    assert subjects(meeting, AgendaItemKind.PLAN_MONITORING) == [due]


def test_an_agreed_plan_never_monitored_is_due(meeting, group, officer):
    agreed = make_plan(group, officer, status=PlanStatus.AGREED, last_monitored_on=None)
    assert next_monitoring_on(agreed) <= MEETING_DAY
    agenda_propose(meeting=meeting, by=officer)
    assert subjects(meeting, AgendaItemKind.PLAN_MONITORING) == [agreed]


def test_a_plan_not_yet_due_draft_or_closed_is_left_off(meeting, group, officer):
    make_plan(group, officer, title="Not due", last_monitored_on=dt.date(2026, 5, 1))
    make_plan(group, officer, title="Draft", status=PlanStatus.DRAFT)
    make_plan(group, officer, title="Closed", status=PlanStatus.CLOSED)
    other_body = GovernanceBodyFactory(partnership=group.partnership, kind=BodyKind.CABINET)
    make_plan(other_body, officer, title="Cabinet's", last_monitored_on=dt.date(2025, 1, 1))
    agenda_propose(meeting=meeting, by=officer)
    assert subjects(meeting, AgendaItemKind.PLAN_MONITORING) == []


def test_proposing_twice_adds_nothing_twice(meeting, group, officer):
    make_plan(group, officer, last_monitored_on=dt.date(2026, 1, 1))
    first = agenda_propose(meeting=meeting, by=officer)
    second = agenda_propose(meeting=meeting, by=officer)
    assert len(first) == 1
    assert second == []
    assert meeting.agenda_items.count() == 1


def test_new_business_is_added_after_what_is_already_on_the_agenda(meeting, group, officer):
    AgendaItem.objects.create(meeting=meeting, order=1, title="Minutes", kind="other")
    make_plan(group, officer, last_monitored_on=dt.date(2026, 1, 1))
    [item] = agenda_propose(meeting=meeting, by=officer)
    assert item.order == 2


def test_actions_proposed_for_closure_are_put_on_the_agenda(meeting, group, officer, la):
    plan = make_plan(group, officer, last_monitored_on=dt.date(2026, 5, 20))
    make_action(plan, "1.1", agency=la, proposed_for_closure=True)
    make_action(plan, "1.2", agency=la, proposed_for_closure=True)
    agenda_propose(meeting=meeting, by=officer)
    [item] = meeting.agenda_items.filter(kind=AgendaItemKind.CLOSURE_PROPOSAL)
    assert item.subject == plan
    assert "2 actions proposed for closure" in item.title


def test_a_review_group_gets_review_recommendations_and_reviews_in_progress(
    meeting, group, officer
):
    review = ReviewFactory(partnership=group.partnership, kind=ReviewKind.LOCAL_CSPR)
    awaiting = RecommendationFactory(review=review, made_on=dt.date(2026, 5, 1))
    RecommendationFactory(review=review, made_on=dt.date(2026, 7, 1))  # after the meeting
    RecommendationFactory(
        review=review, source=RecommendationSource.SCRUTINY_COMMITTEE, made_on=dt.date(2026, 5, 1)
    )
    agenda_propose(meeting=meeting, by=officer)
    assert subjects(meeting, AgendaItemKind.RECOMMENDATION_DECISION) == [awaiting]
    assert subjects(meeting, AgendaItemKind.REVIEW_UPDATE) == [review]


def test_a_scrutiny_committee_gets_its_own_recommendations_and_no_case_reviews(
    partnership, officer
):
    committee = GovernanceBodyFactory(
        partnership=partnership, kind=BodyKind.SCRUTINY_COMMITTEE, name="Scrutiny"
    )
    meeting = MeetingFactory(body=committee, held_on=MEETING_DAY)
    review = ReviewFactory(partnership=partnership, kind=ReviewKind.SCRUTINY)
    RecommendationFactory(review=review, made_on=dt.date(2026, 5, 1))
    ours = RecommendationFactory(
        review=review, source=RecommendationSource.SCRUTINY_COMMITTEE, made_on=dt.date(2026, 5, 1)
    )
    agenda_propose(meeting=meeting, by=officer)
    assert subjects(meeting, AgendaItemKind.RECOMMENDATION_DECISION) == [ours]
    assert subjects(meeting, AgendaItemKind.REVIEW_UPDATE) == []


def test_only_those_who_manage_governance_may_propose_an_agenda(meeting, la):
    member = UserFactory(agency=la, roles=[Role.REVIEW_GROUP_MEMBER])
    with pytest.raises(PermissionDenied):
        agenda_propose(meeting=meeting, by=member)


def test_the_propose_button_adds_the_items_and_goes_back_to_the_meeting(
    client, meeting, group, officer
):
    make_plan(group, officer, last_monitored_on=dt.date(2026, 1, 1))
    sign_in(client, officer)
    response = client.post(reverse("actionplans:agenda_propose", kwargs={"pk": meeting.pk}))
    assert response["Location"] == reverse("governance:meeting_detail", kwargs={"pk": meeting.pk})
    assert meeting.agenda_items.count() == 1


def test_the_propose_button_is_not_found_for_another_partnerships_meeting(
    client, other_partnership, officer
):
    theirs = MeetingFactory(body=GovernanceBodyFactory(partnership=other_partnership))
    sign_in(client, officer)
    response = client.post(reverse("actionplans:agenda_propose", kwargs={"pk": theirs.pk}))
    assert response.status_code == 404
    assert theirs.agenda_items.count() == 0
