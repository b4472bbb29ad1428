"""Actions: owned by an agency and a named person, due on a date (chosen or from a clock),
done with a note; the "your actions", "your team's" and "overdue" lists, at the right moment
for the right people (frozen clocks), and the pages that show them.

Dates: Friday 6 March 2026 is the due date of most actions here; Monday 9 March 2026 the next
working day. In June the UK is on BST, an hour ahead of UTC.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory, SchoolFactory, UserFactory
from cairn.audit.models import AuditEvent
from cairn.core.services import EditConflict
from cairn.incidents import selectors, services
from cairn.incidents.models import Action
from cairn.incidents.models.actions import ActionStatus
from cairn.incidents.tests.factories import ActionFactory, IncidentFactory, InvolvementFactory
from cairn.people.tests.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")
FRIDAY = dt.date(2026, 3, 6)
MONDAY = dt.date(2026, 3, 9)


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def child_school(partnership):
    return SchoolFactory(partnership=partnership, name="Northgate Academy")


@pytest.fixture
def incident(partnership, child_school):
    return IncidentFactory(
        partnership=partnership, reporting_agency=child_school, reported_at=at(dt.date(2026, 3, 2))
    )


@pytest.fixture
def involvement(incident, partnership, child_school):
    person = PersonFactory(
        partnership=partnership, school=child_school, date_of_birth=dt.date(2012, 5, 1)
    )
    return InvolvementFactory(incident=incident, person=person)


@pytest.fixture
def dsl(make_user, child_school):
    return make_user(Role.DSL, agency=child_school)


@pytest.fixture
def colleague(make_user, child_school):
    """Another DSL in the same school: the owner's team."""
    return make_user(Role.DSL, agency=child_school)


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def due_friday(dsl, involvement):
    """Set on Monday 2 March, owned by the DSL, due Friday 6 March 2026."""
    with time_machine.travel(at(dt.date(2026, 3, 2)), tick=False):
        return services.action_create(
            by=dsl,
            involvement=involvement,
            description="Agree separate routes between lessons",
            owner_agency=dsl.agency,
            owner_user=dsl,
            due_on=FRIDAY,
        )


def ids(actions) -> set[int]:
    return {a.pk for a in actions}


# Overdue at the right moment, on the right people's lists --------------------------------


@time_machine.travel(at(FRIDAY, 17, 30), tick=False)
def test_an_action_due_on_friday_is_not_overdue_on_friday(dsl, due_friday):
    assert ids(selectors.overdue_actions(dsl)) == set()
    [mine] = selectors.my_actions(dsl)
    assert mine.pk == due_friday.pk and mine.is_overdue is False


@time_machine.travel(at(MONDAY), tick=False)
def test_an_action_due_on_friday_is_overdue_on_monday_for_its_owner(dsl, due_friday):
    assert ids(selectors.overdue_actions(dsl)) == {due_friday.pk}
    [mine] = selectors.my_actions(dsl)
    assert mine.is_overdue is True


@time_machine.travel(at(MONDAY), tick=False)
def test_an_action_due_on_friday_is_overdue_on_monday_for_the_owners_team(colleague, due_friday):
    assert ids(selectors.overdue_actions(colleague)) == {due_friday.pk}
    assert ids(selectors.team_actions(colleague)) == {due_friday.pk}
    assert ids(selectors.my_actions(colleague)) == set()


@time_machine.travel(at(MONDAY), tick=False)
def test_an_overdue_action_is_not_on_another_agencys_lists(mash, due_friday):
    """The MASH can see the child and the action, but it is the school's work, not theirs."""
    assert selectors.actions_visible_to(mash).filter(pk=due_friday.pk).exists()
    assert ids(selectors.overdue_actions(mash)) == set()
    assert ids(selectors.team_actions(mash)) == set()


def test_an_action_is_overdue_from_midnight_in_london_not_in_utc(dsl, involvement):
    with time_machine.travel(at(dt.date(2026, 6, 1)), tick=False):
        action = ActionFactory(
            involvement=involvement,
            owner_agency=dsl.agency,
            owner_user=dsl,
            due_on=dt.date(2026, 6, 5),  # a Friday
        )
    # 00:30 on Saturday in London (BST) is still 23:30 on Friday in UTC.
    with time_machine.travel(at(dt.date(2026, 6, 6), 0, 30), tick=False):
        assert ids(selectors.overdue_actions(dsl)) == {action.pk}
    with time_machine.travel(at(dt.date(2026, 6, 5), 23, 59), tick=False):
        assert ids(selectors.overdue_actions(dsl)) == set()


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.CANCELLED])
@time_machine.travel(at(MONDAY), tick=False)
def test_a_done_or_cancelled_action_is_never_overdue(dsl, due_friday, status):
    services.action_update_status(
        by=dsl,
        action=due_friday,
        expected_version=due_friday.version,
        status=status,
        completion_note="Routes agreed with both families",
    )
    assert ids(selectors.overdue_actions(dsl)) == set()
    assert ids(selectors.my_actions(dsl)) == set()


def test_the_lists_answer_for_the_day_they_are_asked_about(dsl, due_friday):
    assert ids(selectors.overdue_actions(dsl, today=FRIDAY)) == set()
    assert ids(selectors.overdue_actions(dsl, today=MONDAY)) == {due_friday.pk}


@time_machine.travel(at(MONDAY), tick=False)
def test_the_overdue_phrase_counts_working_days(dsl, due_friday):
    lists = {lst.key: lst for lst in selectors.action_lists_for(viewer=dsl)}
    [row] = lists["overdue"].rows
    assert row.due.is_overdue and row.due.phrase == "Overdue by 1 working day"


# Who sees an action ------------------------------------------------------------------------


def test_an_action_owned_by_an_agency_is_visible_to_it_without_seeing_the_child(
    partnership, dsl, involvement
):
    health = AgencyFactory(partnership=partnership, kind=AgencyKind.HEALTH)
    nurse = UserFactory(agency=health, roles=[Role.AGENCY_PRACTITIONER])
    with time_machine.travel(at(dt.date(2026, 3, 2)), tick=False):
        action = services.action_create(
            by=dsl,
            involvement=involvement,
            description="Offer a sexual health appointment",
            owner_agency=health,
            owner_user=nurse,
            due_on=FRIDAY,
        )
    assert not selectors.involvements_visible_to(nurse).filter(pk=involvement.pk).exists()
    assert ids(selectors.my_actions(nurse, today=FRIDAY)) == {action.pk}
    assert selectors.action_for(viewer=nurse, pk=action.pk) is not None


def test_an_action_is_hidden_from_a_teammate_excluded_from_the_childs_record(
    dsl, colleague, due_friday, involvement
):
    involvement.restricted = True
    involvement.save()
    involvement.excluded_users.add(colleague)
    assert ids(selectors.team_actions(colleague, today=FRIDAY)) == set()
    assert selectors.action_for(viewer=colleague, pk=due_friday.pk) is None


def test_the_owning_agency_opens_the_action_page_without_a_link_to_a_child_it_cannot_see(
    client, signed_in, partnership, dsl, involvement
):
    health = AgencyFactory(partnership=partnership, kind=AgencyKind.HEALTH)
    nurse = UserFactory(agency=health, roles=[Role.AGENCY_PRACTITIONER])
    action = ActionFactory(involvement=involvement, owner_agency=health, owner_user=nurse)
    signed_in(client, nurse)
    html = client.get(f"/incidents/actions/{action.pk}/").content.decode()
    assert "A synthetic action." in html and "Update the action" in html
    assert f"/incidents/involvements/{involvement.pk}/plans/" not in html


def test_another_schools_dsl_sees_no_action_about_a_child_not_on_their_roll(
    make_user, partnership, due_friday
):
    other = make_user(Role.DSL, agency=SchoolFactory(partnership=partnership))
    assert selectors.action_for(viewer=other, pk=due_friday.pk) is None


# Setting an action ------------------------------------------------------------------------


@time_machine.travel(at(dt.date(2024, 3, 21)), tick=False)
def test_a_due_date_can_be_counted_with_a_clock_over_easter(dsl, partnership, child_school):
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=child_school, reported_at=at(dt.date(2024, 3, 20))
    )
    child = InvolvementFactory(incident=incident)
    action = services.action_create(
        by=dsl,
        involvement=child,
        description="Hold the initial child protection conference",
        owner_agency=dsl.agency,
        owner_user=dsl,
        due_clock="icpc",
        due_from=dt.date(2024, 3, 21),
    )
    # 15 working days, skipping Good Friday (29 March) and Easter Monday (1 April 2024)
    assert action.due_on == dt.date(2024, 4, 15)
    assert action.due_clock == "icpc"


def test_an_action_about_the_whole_incident_belongs_to_no_single_child(dsl, incident):
    action = services.action_create(
        by=dsl,
        incident=incident,
        description="Add a member of staff to the lunchtime rota by the sports hall",
        owner_agency=dsl.agency,
        owner_user=dsl,
        due_on=timezone.localdate() + dt.timedelta(days=3),
    )
    assert action.involvement is None and action.incident == incident


def refused(**changes) -> dict:
    with pytest.raises(ValidationError) as error:
        services.action_create(**changes)
    return error.value.message_dict


@pytest.fixture
def new_action(dsl, involvement):
    return {
        "by": dsl,
        "involvement": involvement,
        "description": "Meet the child's parents",
        "owner_agency": dsl.agency,
        "owner_user": dsl,
        "due_on": timezone.localdate() + dt.timedelta(days=5),
    }


def test_an_owner_who_does_not_work_for_the_owner_agency_is_refused(new_action, mash):
    errors = refused(**new_action | {"owner_user": mash})
    assert errors["owner_user"] == [
        f"{mash} does not work for Northgate Academy: choose someone from Northgate "
        "Academy, or change the agency"
    ]


def test_an_owner_agency_from_another_partnership_is_refused(new_action, other_partnership):
    errors = refused(**new_action | {"owner_agency": AgencyFactory(partnership=other_partnership)})
    assert errors["owner_agency"] == [
        "Choose the agency that owns the action, from this partnership"
    ]


def test_a_due_date_in_the_past_is_refused(new_action):
    errors = refused(**new_action | {"due_on": timezone.localdate() - dt.timedelta(days=1)})
    assert errors["due_on"] == ["The due date must be today or in the future"]


def test_an_action_without_a_due_date_or_a_clock_is_refused(new_action):
    errors = refused(**new_action | {"due_on": None})
    assert errors["due_on"] == ["Enter a due date, or choose a timescale to count it from"]


def test_a_clock_without_a_start_date_is_refused(new_action):
    errors = refused(**new_action | {"due_on": None, "due_clock": "icpc"})
    assert errors["due_from"] == ["Enter the date the timescale starts from"]


def test_an_action_without_a_description_is_refused(new_action):
    assert refused(**new_action | {"description": "  "})["description"] == [
        "Describe what needs to be done"
    ]


def test_an_action_owned_by_someone_excluded_from_the_childs_record_is_refused(
    new_action, involvement, colleague
):
    involvement.restricted = True
    involvement.save()
    involvement.excluded_users.add(colleague)
    errors = refused(**new_action | {"owner_user": colleague})
    assert errors["owner_user"] == [f"{colleague} is excluded from this child's record"]


def test_setting_an_action_is_audited_with_who_did_it(new_action, dsl):
    action = services.action_create(**new_action)
    event = AuditEvent.objects.get(object_type="incidents.action", object_id=str(action.pk))
    assert event.actor_id == dsl.pk and event.action == "create"


# Moving an action on ------------------------------------------------------------------------


def test_done_without_a_completion_note_is_refused(dsl, due_friday):
    with pytest.raises(ValidationError) as error:
        services.action_update_status(
            by=dsl, action=due_friday, expected_version=1, status=ActionStatus.DONE
        )
    assert error.value.message_dict["completion_note"] == [
        "Enter a completion note: what was done, and the evidence"
    ]


def test_cancelling_without_a_reason_is_refused(dsl, due_friday):
    with pytest.raises(ValidationError) as error:
        services.action_update_status(
            by=dsl, action=due_friday, expected_version=1, status=ActionStatus.CANCELLED
        )
    assert error.value.message_dict["completion_note"] == ["Say why the action was cancelled"]


def test_done_records_when_and_by_whom(dsl, due_friday):
    with time_machine.travel(at(FRIDAY, 15), tick=False):
        action = services.action_update_status(
            by=dsl,
            action=due_friday,
            expected_version=1,
            status=ActionStatus.DONE,
            completion_note="Routes agreed; timetable attached to the file",
        )
    assert action.completed_by == dsl and action.completed_at == at(FRIDAY, 15)


def test_a_stale_status_edit_is_refused_with_a_conflict(dsl, colleague, due_friday):
    services.action_update_status(
        by=colleague, action=due_friday, expected_version=1, status=ActionStatus.IN_PROGRESS
    )
    with pytest.raises(EditConflict):
        services.action_update_status(
            by=dsl,
            action=due_friday,
            expected_version=1,
            status=ActionStatus.DONE,
            completion_note="Done",
        )
    assert Action.objects.get(pk=due_friday.pk).status == ActionStatus.IN_PROGRESS


def test_another_agency_may_not_update_an_action_it_does_not_own(make_user, due_friday):
    police = AgencyFactory(partnership=due_friday.partnership, kind=AgencyKind.POLICE)
    officer = make_user(Role.AGENCY_PRACTITIONER, agency=police)
    due_friday.incident.referred_to_police = True
    due_friday.incident.save()
    with pytest.raises(PermissionDenied):
        services.action_update_status(
            by=officer, action=due_friday, expected_version=1, status=ActionStatus.IN_PROGRESS
        )


def test_the_mash_may_update_any_action_it_can_see(mash, due_friday):
    action = services.action_update_status(
        by=mash, action=due_friday, expected_version=1, status=ActionStatus.IN_PROGRESS
    )
    assert action.status == ActionStatus.IN_PROGRESS


# Pages -------------------------------------------------------------------------------------


@time_machine.travel(at(MONDAY), tick=False)
def test_the_actions_page_shows_overdue_work_with_a_red_tag(client, signed_in, dsl, due_friday):
    signed_in(client, dsl)
    html = client.get("/incidents/actions/").content.decode()
    assert "Agree separate routes between lessons" in html
    assert '<strong class="govuk-tag govuk-tag--red">Overdue by 1 working day</strong>' in html
    assert "Overdue (1)" in html


@time_machine.travel(at(FRIDAY), tick=False)
def test_the_actions_page_shows_nothing_overdue_on_the_due_date(client, signed_in, dsl, due_friday):
    signed_in(client, dsl)
    html = client.get("/incidents/actions/").content.decode()
    assert "Overdue (0)" in html and "Due today" in html


def test_the_actions_page_takes_a_bounded_number_of_queries(
    client, signed_in, dsl, partnership, child_school, django_assert_max_num_queries
):
    for _ in range(3):
        incident = IncidentFactory(partnership=partnership, reporting_agency=child_school)
        child = InvolvementFactory(incident=incident)
        for _ in range(4):
            ActionFactory(involvement=child, owner_agency=child_school, owner_user=dsl)
    signed_in(client, dsl)
    with django_assert_max_num_queries(14):
        response = client.get("/incidents/actions/")
    assert response.status_code == 200
    assert response.content.decode().count("A synthetic action.") == 24  # mine and team's


def test_the_childs_plans_page_with_actions_takes_a_bounded_number_of_queries(
    client, signed_in, dsl, involvement, django_assert_max_num_queries
):
    for _ in range(10):
        ActionFactory(involvement=involvement, owner_agency=dsl.agency, owner_user=dsl)
    signed_in(client, dsl)
    with django_assert_max_num_queries(22):
        response = client.get(f"/incidents/involvements/{involvement.pk}/plans/")
    assert response.status_code == 200


def test_an_action_is_set_from_the_childs_page(client, signed_in, dsl, involvement):
    signed_in(client, dsl)
    due = timezone.localdate() + dt.timedelta(days=10)
    response = client.post(
        f"/incidents/involvements/{involvement.pk}/actions/new/",
        {
            "description": "Check in with the child every morning",
            "owner_agency": dsl.agency_id,
            "owner_user": dsl.pk,
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
            "due_clock": "",
        },
    )
    action = Action.objects.get(involvement=involvement)
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/actions/{action.pk}/"
    assert action.due_on == due and action.owner_user == dsl


def test_the_form_refuses_an_owner_from_another_agency_and_keeps_what_was_typed(
    client, signed_in, dsl, mash, involvement
):
    signed_in(client, dsl)
    html = client.post(
        f"/incidents/involvements/{involvement.pk}/actions/new/",
        {
            "description": "Check in with the child every morning",
            "owner_agency": dsl.agency_id,
            "owner_user": mash.pk,
            "due_clock": "contact_decision",
            "due_from_day": "2",
            "due_from_month": "3",
            "due_from_year": "2026",
        },
    ).content.decode()
    assert "There is a problem" in html
    assert f"{mash} does not work for Northgate Academy" in html
    assert "Check in with the child every morning" in html
    assert not Action.objects.exists()


def test_done_without_a_note_is_refused_on_the_page(client, signed_in, dsl, due_friday):
    signed_in(client, dsl)
    html = client.post(
        f"/incidents/actions/{due_friday.pk}/update/", {"version": 1, "status": "done"}
    ).content.decode()
    assert 'href="#id_completion_note"' in html
    assert "Enter a completion note: what was done, and the evidence" in html


def test_two_people_updating_one_action_get_a_conflict_and_keep_what_they_typed(
    client, signed_in, dsl, colleague, due_friday
):
    services.action_update_status(
        by=colleague, action=due_friday, expected_version=1, status=ActionStatus.IN_PROGRESS
    )
    signed_in(client, dsl)
    html = client.post(
        f"/incidents/actions/{due_friday.pk}/update/",
        {"version": 1, "status": "done", "completion_note": "Both families agreed the routes"},
    ).content.decode()
    assert "was changed by someone else while you were editing it" in html
    assert "Both families agreed the routes" in html
    assert Action.objects.get(pk=due_friday.pk).status == ActionStatus.IN_PROGRESS


def test_another_agency_is_sent_back_from_the_update_page(client, signed_in, make_user, due_friday):
    """A practitioner of the agency that reported the incident sees the action, but it is the
    school's to update."""
    reporter = AgencyFactory(partnership=due_friday.partnership)
    practitioner = make_user(Role.AGENCY_PRACTITIONER, agency=reporter)
    due_friday.incident.reporting_agency = reporter
    due_friday.incident.save()
    signed_in(client, practitioner)
    response = client.get(f"/incidents/actions/{due_friday.pk}/update/")
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/actions/{due_friday.pk}/"


@time_machine.travel(at(MONDAY), tick=False)
def test_the_home_page_counts_your_actions(client, signed_in, dsl, due_friday):
    signed_in(client, dsl)
    html = client.get("/").content.decode()
    assert "Your actions" in html and "/incidents/actions/#overdue" in html
