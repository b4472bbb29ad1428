"""Governance: bodies, members, meetings, agendas and decisions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.core.services import EditConflict
from cairn.governance import services
from cairn.governance.models import GovernanceBody
from cairn.governance.tests.factories import (
    AgendaItemFactory,
    GovernanceBodyFactory,
    MeetingFactory,
)
from conftest import sign_in


@pytest.fixture
def manager(make_user):
    return make_user(Role.PARTNERSHIP_OFFICER)


@pytest.fixture
def body(partnership):
    return GovernanceBodyFactory(partnership=partnership)


def test_an_outside_member_needs_a_name(body, manager):
    with pytest.raises(ValidationError) as refused:
        services.member_add(by=manager, body=body)
    assert "name" in refused.value.message_dict


def test_a_cairn_user_is_seated_with_their_name_and_agency(body, manager):
    member = services.member_add(by=manager, body=body, user=manager)
    assert (member.name, member.agency) == (manager.get_full_name(), manager.agency)


def test_a_decision_at_a_meeting_is_dated_the_day_of_the_meeting(body, manager):
    meeting = MeetingFactory(body=body, held_on=dt.date(2024, 3, 12))
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            by=manager, body=body, meeting=meeting, decided_on=dt.date(2024, 3, 13), summary="X"
        )
    assert "day of the meeting" in refused.value.message_dict["decided_on"][0]


def test_a_meeting_cannot_be_recorded_as_held_before_its_date(body, manager):
    meeting = MeetingFactory(body=body)  # in two weeks
    with pytest.raises(ValidationError):
        services.meeting_update(
            by=manager, meeting=meeting, expected_version=meeting.version, status="held"
        )


def test_moving_an_item_up_swaps_it_with_the_one_before(body, manager):
    meeting = MeetingFactory(body=body)
    first, second = (
        AgendaItemFactory(meeting=meeting, order=1),
        AgendaItemFactory(meeting=meeting, order=2),
    )
    services.agenda_item_move(by=manager, item=second, up=True)
    assert list(meeting.agenda_items.order_by("order")) == [second, first]


def test_removing_an_item_renumbers_the_rest(body, manager):
    meeting = MeetingFactory(body=body)
    first = AgendaItemFactory(meeting=meeting, order=1)
    second = AgendaItemFactory(meeting=meeting, order=2)
    services.agenda_item_remove(by=manager, item=first)
    second.refresh_from_db()
    assert second.order == 1


def test_an_edit_against_an_old_version_is_refused(body, manager):
    stale = body.version
    services.body_update(by=manager, body=body, expected_version=stale, name="JCRG")
    with pytest.raises(EditConflict):
        services.body_update(by=manager, body=body, expected_version=stale, name="Other")


def test_the_edit_form_shows_a_conflict_and_keeps_what_was_typed(client, body, manager):
    sign_in(client, manager)
    services.body_update(by=manager, body=body, expected_version=body.version, purpose="New")
    page = client.post(
        reverse("governance:body_edit", args=[body.pk]),
        {"version": 1, "name": "Typed name", "kind": "review_group", "meets_every_months": 2},
    ).content.decode()
    assert "changed by someone else" in page
    assert 'value="Typed name"' in page


def test_a_review_group_member_may_view_but_not_manage_bodies(client, body, make_user):
    sign_in(client, make_user(Role.REVIEW_GROUP_MEMBER))
    assert client.get(reverse("governance:body_detail", args=[body.pk])).status_code == 200
    assert client.get(reverse("governance:body_edit", args=[body.pk])).status_code == 403


def test_another_partnerships_body_is_not_found(client, manager, other_partnership):
    body = GovernanceBodyFactory(partnership=other_partnership)
    sign_in(client, manager)
    assert client.get(reverse("governance:body_detail", args=[body.pk])).status_code == 404


def test_adding_a_body_with_a_taken_name_is_refused_on_the_form(client, body, manager):
    sign_in(client, manager)
    page = client.post(
        reverse("governance:body_new"),
        {"name": body.name, "kind": "review_group", "meets_every_months": 1},
    ).content.decode()
    assert 'href="#id_name"' in page
    assert GovernanceBody.objects.count() == 1


def test_the_body_list_has_a_fixed_number_of_queries(
    client, partnership, manager, django_assert_max_num_queries
):
    for _ in range(5):
        MeetingFactory(body=GovernanceBodyFactory(partnership=partnership))
    sign_in(client, manager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("governance:body_list")).status_code == 200
