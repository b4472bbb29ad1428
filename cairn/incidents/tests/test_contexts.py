"""Contexts: the page shows only what the viewer may see; contexts, their assessments and
safety plans are recorded by the right people, with bad input refused and stale edits refused.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory, SchoolFactory
from cairn.core.services import EditConflict
from cairn.incidents import selectors, services
from cairn.incidents.choices import ContextKind, InvolvementRole
from cairn.incidents.models import Context, ContextAssessment
from cairn.incidents.tests.factories import (
    ContextAssessmentFactory,
    ContextFactory,
    ContextSafetyPlanFactory,
    IncidentFactory,
    InvolvementFactory,
)
from cairn.people.tests.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")
TODAY = dt.datetime(2026, 3, 16, 10, 0, tzinfo=LONDON)


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def other_school(partnership):
    return SchoolFactory(partnership=partnership)


@pytest.fixture
def dsl(make_user, school):
    return make_user(Role.DSL, agency=school)


@pytest.fixture
def park(partnership):
    return ContextFactory(partnership=partnership, name="Riverside Park skate area")


@pytest.fixture
def park_incident(partnership, la, park, school, other_school):
    """One incident in the park: a pupil of ``school`` harmed by a pupil of another school."""
    incident = IncidentFactory(partnership=partnership, reporting_agency=la)
    incident.contexts.add(park)
    pupil = PersonFactory(partnership=partnership, school=school)
    other = PersonFactory(partnership=partnership, school=other_school)
    InvolvementFactory(incident=incident, person=pupil, role=InvolvementRole.HARMED)
    InvolvementFactory(incident=incident, person=other, role=InvolvementRole.HARMED_OTHERS)
    return incident


def test_the_context_page_shows_only_involvements_the_viewer_may_see(
    client, signed_in, dsl, park, park_incident
):
    pupil, other = [i.person for i in park_incident.involvements.order_by("pk")]
    signed_in(client, dsl)
    html = client.get(f"/incidents/contexts/{park.pk}/").content.decode()
    assert escape(str(pupil)) in html
    assert escape(str(other)) not in html


def test_the_context_page_counts_only_what_the_viewer_may_see(dsl, mash, park, park_incident):
    assert selectors.context_page_for(viewer=dsl, pk=park.pk).child_count == 1
    assert selectors.context_page_for(viewer=mash, pk=park.pk).child_count == 2


def test_the_context_page_lists_only_incidents_the_viewer_may_see(
    dsl, partnership, la, park, park_incident
):
    unseen = IncidentFactory(partnership=partnership, reporting_agency=la)
    unseen.contexts.add(park)
    InvolvementFactory(incident=unseen)  # a child at no school of the DSL's
    page = selectors.context_page_for(viewer=dsl, pk=park.pk)
    assert page.incidents == [park_incident]


def test_a_child_in_two_incidents_in_one_context_is_listed_once_with_both(
    mash, partnership, la, park
):
    child = PersonFactory(partnership=partnership)
    for role in (InvolvementRole.HARMED, InvolvementRole.HARMED_OTHERS):
        incident = IncidentFactory(partnership=partnership, reporting_agency=la)
        incident.contexts.add(park)
        InvolvementFactory(incident=incident, person=child, role=role)
    [row] = selectors.context_page_for(viewer=mash, pk=park.pk).children
    assert row.person == child
    assert [i.role for i in row.involvements] == ["harmed", "harmed_others"]


def test_the_context_list_filters_by_kind(client, signed_in, mash, partnership, park):
    online = ContextFactory(partnership=partnership, kind=ContextKind.ONLINE, name="Year 9 chat")
    signed_in(client, mash)
    html = client.get("/incidents/contexts/", {"kind": "online"}).content.decode()
    assert online.name in html
    assert park.name not in html


def test_the_context_list_counts_the_incidents_the_viewer_may_see(mash, park, park_incident):
    [row] = selectors.context_list_for(viewer=mash, kind=ContextKind.NEIGHBOURHOOD)
    assert row.incident_count == 1


def test_a_dsl_does_not_see_another_schools_peer_group(dsl, partnership, other_school):
    group = ContextFactory(
        partnership=partnership, kind=ContextKind.PEER_GROUP, school=other_school
    )
    assert group not in selectors.contexts_visible_to(dsl)


def test_a_dsl_sees_a_peer_group_linked_to_an_incident_they_may_see(
    dsl, partnership, park_incident
):
    group = ContextFactory(partnership=partnership, kind=ContextKind.PEER_GROUP)
    park_incident.contexts.add(group)
    assert group in selectors.contexts_visible_to(dsl)


def test_the_context_page_of_another_partnership_is_not_found(
    client, signed_in, mash, other_partnership
):
    elsewhere = ContextFactory(partnership=other_partnership)
    signed_in(client, mash)
    assert client.get(f"/incidents/contexts/{elsewhere.pk}/").status_code == 404


def test_the_context_page_takes_a_bounded_number_of_queries(
    client, signed_in, mash, park, park_incident, django_assert_max_num_queries
):
    ContextAssessmentFactory(context=park)
    ContextSafetyPlanFactory(context=park)
    signed_in(client, mash)
    with django_assert_max_num_queries(20):
        assert client.get(f"/incidents/contexts/{park.pk}/").status_code == 200


# Creating and changing contexts ------------------------------------------------------------


def test_a_dsl_records_a_peer_group_at_their_own_school(client, signed_in, dsl, school):
    signed_in(client, dsl)
    response = client.post(
        "/incidents/contexts/new/",
        {"name": "Year 10 football group", "kind": "peer_group", "school": school.pk},
    )
    context = Context.objects.get()
    assert response["Location"] == f"/incidents/contexts/{context.pk}/"
    assert context.school == school


def test_a_dsl_cannot_record_a_context_for_another_school(dsl, other_school):
    with pytest.raises(PermissionDenied):
        services.context_create(
            by=dsl, kind=ContextKind.SCHOOL, name="Their school", school=other_school
        )


def test_a_dsl_cannot_change_another_schools_context(
    client, signed_in, dsl, partnership, other_school
):
    theirs = ContextFactory(partnership=partnership, kind=ContextKind.SCHOOL, school=other_school)
    signed_in(client, dsl)
    response = client.get(f"/incidents/contexts/{theirs.pk}/edit/", follow=True)
    assert "You can change contexts of your own school only" in response.content.decode()


def test_a_partnership_officer_records_a_neighbourhood_place(make_user):
    officer = make_user(Role.PARTNERSHIP_OFFICER)
    context = services.context_create(
        by=officer, kind=ContextKind.NEIGHBOURHOOD, name="Bus station", area="Testtown"
    )
    assert context.partnership_id == officer.partnership_id


def test_an_analyst_cannot_record_a_context(make_user):
    with pytest.raises(PermissionDenied):
        services.context_create(
            by=make_user(Role.ANALYST), kind=ContextKind.NEIGHBOURHOOD, name="Bus station"
        )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return {k: v[0] for k, v in caught.value.message_dict.items()}


def test_a_school_context_without_its_school_is_refused(mash):
    errors = refusal(lambda: services.context_create(by=mash, kind="school", name="A school"))
    assert errors["school"] == "Choose the school or college"


def test_an_online_space_needs_its_app_or_site(client, signed_in, mash):
    signed_in(client, mash)
    response = client.post("/incidents/contexts/new/", {"name": "Group chat", "kind": "online"})
    html = response.content.decode()
    assert "Enter the app, site or game where this online space is" in html
    assert 'value="Group chat"' in html and 'value="online" checked' in html


def test_a_second_context_with_the_same_name_and_kind_is_refused(mash, park):
    errors = refusal(
        lambda: services.context_create(
            by=mash, kind=ContextKind.NEIGHBOURHOOD, name="riverside park skate area"
        )
    )
    assert errors["name"].startswith("There is already a neighbourhood place called")


def test_two_people_changing_one_context_at_once_get_a_conflict(client, signed_in, mash, park):
    stale = park.version
    services.context_update(
        by=mash, context=park, expected_version=stale, kind=park.kind, name="Skate park"
    )
    signed_in(client, mash)
    response = client.post(
        f"/incidents/contexts/{park.pk}/edit/",
        {"version": stale, "name": "Riverside skate park", "kind": "neighbourhood"},
    )
    html = response.content.decode()
    assert "Context was changed by someone else" in html
    assert 'value="Riverside skate park"' in html
    park.refresh_from_db()
    assert park.name == "Skate park"


# Context assessments and safety plans ----------------------------------------------------


@pytest.fixture
def neighbourhood_team(partnership):
    return AgencyFactory(
        partnership=partnership, kind=AgencyKind.POLICE, name="Testtown neighbourhood team"
    )


@time_machine.travel(TODAY)
def test_a_context_assessment_is_owned_by_an_agency_outside_childrens_services(
    client, signed_in, mash, park, neighbourhood_team, make_user
):
    sergeant = make_user(Role.AGENCY_PRACTITIONER, agency=neighbourhood_team)
    signed_in(client, mash)
    response = client.post(
        f"/incidents/contexts/{park.pk}/assessments/new/",
        {
            "assessed_on": "10/3/2026",
            "summary": "Unsupervised after 6pm; older young people gather",
            "owner_agency": neighbourhood_team.pk,
            "owner_user": sergeant.pk,
            "review_on": "10/6/2026",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/incidents/contexts/{park.pk}/").content.decode()
    assert "Testtown neighbourhood team" in page and "Unsupervised after 6pm" in page


@time_machine.travel(TODAY)
def test_a_context_assessment_dated_in_the_future_is_refused(
    client, signed_in, mash, park, neighbourhood_team
):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/contexts/{park.pk}/assessments/new/",
        {
            "assessed_on": "20/3/2026",
            "summary": "Kept summary",
            "owner_agency": neighbourhood_team.pk,
            "review_on": "10/6/2026",
        },
    )
    html = response.content.decode()
    assert "The date of the assessment must be today or in the past" in html
    assert "Kept summary" in html
    assert not ContextAssessment.objects.exists()


@time_machine.travel(TODAY)
def test_a_review_date_before_the_assessment_is_refused(mash, park, neighbourhood_team):
    errors = refusal(
        lambda: services.context_assessment_record(
            by=mash,
            context=park,
            assessed_on=dt.date(2026, 3, 10),
            summary="Summary",
            owner_agency=neighbourhood_team,
            review_on=dt.date(2026, 3, 1),
        )
    )
    assert errors["review_on"] == "The review date must be after the date of the assessment"


@time_machine.travel(TODAY)
def test_a_named_owner_must_work_for_the_owner_agency(mash, park, neighbourhood_team):
    errors = refusal(
        lambda: services.context_assessment_record(
            by=mash,
            context=park,
            assessed_on=dt.date(2026, 3, 10),
            summary="Summary",
            owner_agency=neighbourhood_team,
            owner_user=mash,
            review_on=dt.date(2026, 6, 10),
        )
    )
    assert errors["owner_user"] == "The named owner must work for Testtown neighbourhood team"


@time_machine.travel(TODAY)
def test_a_safety_plan_past_its_review_date_is_flagged_overdue(client, signed_in, mash, park):
    ContextSafetyPlanFactory(context=park, review_on=dt.date(2026, 3, 13))
    signed_in(client, mash)
    html = client.get(f"/incidents/contexts/{park.pk}/").content.decode()
    assert "Review overdue" in html


@time_machine.travel(TODAY)
def test_a_closed_safety_plan_is_not_flagged_overdue(mash, park):
    ContextSafetyPlanFactory(context=park, review_on=dt.date(2026, 3, 13), status="closed")
    [plan] = selectors.context_page_for(viewer=mash, pk=park.pk).safety_plans
    assert not plan.review_overdue


@time_machine.travel(TODAY)
def test_a_safety_plan_without_measures_is_refused(client, signed_in, mash, park, la):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/contexts/{park.pk}/safety-plans/new/",
        {"measures": " ", "owner_agency": la.pk, "review_on": "1/6/2026", "status": "active"},
    )
    assert "Enter what will be done to make the context safer" in response.content.decode()


@time_machine.travel(TODAY)
def test_two_people_changing_one_safety_plan_at_once_get_a_conflict(mash, park, la):
    plan = ContextSafetyPlanFactory(context=park, owner_agency=la)
    stale = plan.version
    change = dict(measures="Lighting", owner_agency=la, review_on=dt.date(2026, 6, 1))
    services.context_safety_plan_update(
        by=mash, plan=plan, expected_version=stale, status="active", **change
    )
    with pytest.raises(EditConflict):
        services.context_safety_plan_update(
            by=mash, plan=plan, expected_version=stale, status="closed", **change
        )
    plan.refresh_from_db()
    assert plan.status == "active"


@time_machine.travel(TODAY)
def test_a_dsl_records_an_assessment_of_their_own_schools_context(dsl, partnership, school):
    own = ContextFactory(partnership=partnership, kind=ContextKind.SCHOOL, school=school)
    assessment = services.context_assessment_record(
        by=dsl,
        context=own,
        assessed_on=dt.date(2026, 3, 10),
        summary="Toilets unsupervised at lunch",
        owner_agency=school,
        review_on=dt.date(2026, 6, 10),
    )
    assert assessment.recorded_by == dsl
