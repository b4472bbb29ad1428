"""Strategy discussions, each child's section 47 enquiry and clocks, and each child's police
record: who sees what, bad dates refused, stale edits refused.

Expected ICPC dates are counted by hand from the GOV.UK bank holiday calendar for England and
Wales (the strategy discussion is day 0; the ICPC is due on the 15th working day after it).
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
from cairn.incidents.choices import AbuseForm, InvolvementRole
from cairn.incidents.models import Incident, PoliceInvestigation, Section47Enquiry
from cairn.incidents.models.strategy import PoliceOutcome, PoliceRole, StrategyOutcome
from cairn.incidents.tests.factories import (
    IncidentFactory,
    InvolvementFactory,
    PoliceInvestigationFactory,
)
from cairn.people.tests.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")
TODAY = dt.datetime(2026, 3, 16, 10, 0, tzinfo=LONDON)  # Monday 16 March 2026


def reported(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=LONDON)


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


@pytest.fixture
def other_school(partnership):
    return SchoolFactory(partnership=partnership)


@pytest.fixture
def police(partnership):
    return AgencyFactory(partnership=partnership, kind=AgencyKind.POLICE, name="Testshire Police")


@pytest.fixture
def incident(partnership, la):
    """Image sharing reported to children's services on Monday 2 March 2026 and referred to
    the police. A school's DSL sees only the child on their school's roll."""
    return IncidentFactory(
        partnership=partnership,
        reporting_agency=la,
        reported_at=reported(dt.date(2026, 3, 2)),
        occurred_on=dt.date(2026, 2, 27),
        forms=[AbuseForm.IMAGE_SHARING],
        referred_to_police=True,
    )


@pytest.fixture
def harmed(incident, partnership, school):
    person = PersonFactory(partnership=partnership, school=school)
    return InvolvementFactory(incident=incident, person=person, role=InvolvementRole.HARMED)


@pytest.fixture
def harmer(incident, partnership, other_school):
    person = PersonFactory(partnership=partnership, school=other_school)
    return InvolvementFactory(incident=incident, person=person, role=InvolvementRole.HARMED_OTHERS)


def discuss(*, by, incident, children, held_on, outcome=StrategyOutcome.SECTION_47, **extra):
    attendees = [services.Attendee(agency=incident.reporting_agency, name="A Teacher")]
    return services.strategy_discussion_record(
        by=by,
        incident=incident,
        held_on=held_on,
        involvements=children,
        attendees=extra.pop("attendees", attendees),
        outcome=outcome,
        **extra,
    )


def record_police(*, by, involvement, **fields):
    values = {"police_role": PoliceRole.SUSPECT, "expected_version": None} | fields
    return services.police_investigation_save(by=by, involvement=involvement, **values)


# Clocks ------------------------------------------------------------------------------------

ICPC_DUE = {
    # held on (day 0)       ICPC due           the bank holidays inside the 15 working days
    "easter-2024": (dt.date(2024, 3, 21), dt.date(2024, 4, 15)),  # Good Friday, Easter Monday
    "queens-funeral-2022": (dt.date(2022, 9, 12), dt.date(2022, 10, 4)),  # Mon 19 Sep 2022
    "platinum-jubilee-2022": (dt.date(2022, 5, 27), dt.date(2022, 6, 21)),  # Thu 2, Fri 3 Jun
    "coronation-2023": (dt.date(2023, 4, 27), dt.date(2023, 5, 22)),  # Mon 1 and Mon 8 May
}


@pytest.mark.parametrize(("held_on", "due"), ICPC_DUE.values(), ids=ICPC_DUE.keys())
def test_icpc_is_due_15_working_days_after_the_strategy_discussion(
    mash, partnership, school, held_on, due
):
    incident = IncidentFactory(
        partnership=partnership,
        reporting_agency=school,
        reported_at=reported(held_on - dt.timedelta(days=3)),
    )
    child = InvolvementFactory(incident=incident)
    discuss(by=mash, incident=incident, children=[child], held_on=held_on)
    page = selectors.child_protection_for(viewer=mash, pk=child.pk, today=held_on)
    assert page.clocks.icpc_due == due


def test_the_calendar_knows_the_queens_funeral_and_the_coronation():
    from cairn.clocks.calendar import bank_holidays

    assert dt.date(2022, 9, 19) in bank_holidays(2022)
    assert dt.date(2023, 5, 8) in bank_holidays(2023)


def test_the_icpc_clock_turns_overdue_the_working_day_after_it_is_due(mash, partnership, la):
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=reported(dt.date(2024, 3, 20))
    )
    child = InvolvementFactory(incident=incident)
    discuss(by=mash, incident=incident, children=[child], held_on=dt.date(2024, 3, 21))
    page = selectors.child_protection_for(viewer=mash, pk=child.pk, today=dt.date(2024, 4, 16))
    assert page.clocks.icpc.is_overdue
    assert page.clocks.icpc.phrase == "Overdue by 1 working day"


@time_machine.travel(TODAY)
def test_the_first_review_conference_is_due_3_months_after_the_icpc(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 2))
    enquiry = Section47Enquiry.objects.get(involvement=harmed)
    services.section47_update(
        by=mash,
        enquiry=enquiry,
        expected_version=enquiry.version,
        icpc_held_on=dt.date(2026, 3, 13),
        cp_plan=True,
        category_of_abuse="SAB",
    )
    page = selectors.child_protection_for(viewer=mash, pk=harmed.pk, today=dt.date(2026, 3, 16))
    assert page.clocks.icpc is None
    assert page.clocks.first_review_due == dt.date(2026, 6, 12)  # 13 June is a Saturday


@time_machine.travel(TODAY)
def test_no_first_review_conference_is_due_without_a_child_protection_plan(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 2))
    enquiry = Section47Enquiry.objects.get(involvement=harmed)
    services.section47_update(
        by=mash,
        enquiry=enquiry,
        expected_version=enquiry.version,
        icpc_held_on=dt.date(2026, 3, 13),
        cp_plan=False,
    )
    page = selectors.child_protection_for(viewer=mash, pk=harmed.pk, today=dt.date(2026, 3, 16))
    assert page.clocks.first_review_due is None


@time_machine.travel(TODAY)
def test_the_childs_page_shows_the_icpc_due_date_and_time_left(
    client, signed_in, mash, incident, harmed
):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 9))
    signed_in(client, mash)
    html = client.get(f"/incidents/involvements/{harmed.pk}/child-protection/").content.decode()
    assert "Monday 30 March 2026" in html
    assert "10 working days left" in html


@time_machine.travel(dt.datetime(2026, 3, 24, 10, 0, tzinfo=LONDON))
def test_an_overdue_icpc_is_tagged_on_the_childs_page(client, signed_in, mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 2))
    signed_in(client, mash)
    html = client.get(f"/incidents/involvements/{harmed.pk}/child-protection/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue by 1 working day</strong>' in html


# A joint strategy discussion, two children, two sets of clocks --------------------------------


@time_machine.travel(TODAY)
def test_a_joint_strategy_discussion_about_two_children_starts_two_enquiries(
    mash, incident, harmed, harmer
):
    discussion = discuss(
        by=mash, incident=incident, children=[harmed, harmer], held_on=dt.date(2026, 3, 4)
    )
    enquiries = Section47Enquiry.objects.filter(strategy_discussion=discussion)
    assert {e.involvement_id for e in enquiries} == {harmed.pk, harmer.pk}


@time_machine.travel(TODAY)
def test_each_child_in_a_joint_discussion_has_their_own_icpc_clock(mash, incident, harmed, harmer):
    discuss(by=mash, incident=incident, children=[harmed, harmer], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get(involvement=harmed)
    services.section47_update(
        by=mash,
        enquiry=enquiry,
        expected_version=enquiry.version,
        icpc_held_on=dt.date(2026, 3, 13),
    )
    harmed_page = selectors.child_protection_for(viewer=mash, pk=harmed.pk)
    harmer_page = selectors.child_protection_for(viewer=mash, pk=harmer.pk)
    assert harmed_page.clocks.icpc is None
    assert harmer_page.clocks.icpc.due == dt.date(2026, 3, 25)


@time_machine.travel(TODAY)
def test_a_later_discussion_leaves_the_icpc_clock_with_the_one_that_started_the_enquiry(
    mash, incident, harmed
):
    first = discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 3))
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 10))
    enquiry = Section47Enquiry.objects.get(involvement=harmed)
    assert enquiry.strategy_discussion == first
    assert enquiry.started_on == dt.date(2026, 3, 3)


@time_machine.travel(TODAY)
def test_a_discussion_deciding_no_section_47_starts_no_enquiry(mash, incident, harmed):
    discuss(
        by=mash,
        incident=incident,
        children=[harmed],
        held_on=dt.date(2026, 3, 4),
        outcome=StrategyOutcome.NO_SECTION_47,
    )
    assert not Section47Enquiry.objects.exists()


# Police records, per child ---------------------------------------------------------------


@time_machine.travel(TODAY)
def test_outcome_21_for_one_child_does_not_appear_on_the_other_childs_record(
    client, signed_in, mash, harmed, harmer
):
    record_police(
        by=mash,
        involvement=harmer,
        outcome=PoliceOutcome.OUTCOME_21,
        outcome_on=dt.date(2026, 3, 12),
    )
    record_police(by=mash, involvement=harmed, police_role=PoliceRole.VICTIM)
    signed_in(client, mash)
    harmer_html = client.get(
        f"/incidents/involvements/{harmer.pk}/child-protection/"
    ).content.decode()
    harmed_html = client.get(
        f"/incidents/involvements/{harmed.pk}/child-protection/"
    ).content.decode()
    assert "Outcome 21" in harmer_html
    assert "Outcome 21" not in harmed_html
    assert "Ongoing" in harmed_html


@time_machine.travel(TODAY)
def test_a_school_dsl_sees_the_investigation_status_but_not_the_crime_details(
    client, signed_in, make_user, school, harmed
):
    PoliceInvestigationFactory(
        involvement=harmed,
        crime_reference="CR/77777/26",
        offence_code="086/10",
        police_role=PoliceRole.PERSON_INVOLVED,
        bail_conditions="No contact with the other child",
    )
    signed_in(client, make_user(Role.DSL, agency=school))
    html = client.get(f"/incidents/involvements/{harmed.pk}/child-protection/").content.decode()
    assert "Ongoing" in html
    for detail in ("CR/77777/26", "086/10", "Person involved", "No contact with the other child"):
        assert detail not in html


def test_a_school_dsl_may_not_see_police_detail(make_user, school, harmed):
    investigation = PoliceInvestigationFactory(involvement=harmed)
    view = selectors.police_view_for(viewer=make_user(Role.DSL, agency=school), involvement=harmed)
    assert view.exists and view.investigation is None
    assert investigation.crime_reference not in view.status


def test_a_police_officer_sees_crime_details_for_an_incident_referred_to_police(
    make_user, police, harmed
):
    PoliceInvestigationFactory(involvement=harmed, crime_reference="CR/12345/26")
    officer = make_user(Role.AGENCY_PRACTITIONER, agency=police)
    view = selectors.police_view_for(viewer=officer, involvement=harmed)
    assert view.investigation.crime_reference == "CR/12345/26"


def test_a_health_practitioner_sees_only_the_status_of_an_investigation_their_agency_reported(
    make_user, partnership
):
    health = AgencyFactory(partnership=partnership, kind=AgencyKind.HEALTH)
    incident = IncidentFactory(partnership=partnership, reporting_agency=health)
    child = InvolvementFactory(incident=incident)
    PoliceInvestigationFactory(involvement=child)
    nurse = make_user(Role.AGENCY_PRACTITIONER, agency=health)
    view = selectors.police_view_for(viewer=nurse, involvement=child)
    assert view.exists and view.investigation is None


@time_machine.travel(TODAY)
def test_a_police_officer_records_the_investigation_for_a_child(make_user, police, harmed):
    officer = make_user(Role.AGENCY_PRACTITIONER, agency=police)
    record_police(by=officer, involvement=harmed, crime_reference="CR/1/26")
    assert PoliceInvestigation.objects.get(involvement=harmed).crime_reference == "CR/1/26"


@pytest.fixture
def reported_by_school(partnership, school):
    """A child in an incident the school reported: its practitioners see the child."""
    incident = IncidentFactory(
        partnership=partnership,
        reporting_agency=school,
        reported_at=reported(dt.date(2026, 3, 2)),
        referred_to_police=True,
    )
    return InvolvementFactory(incident=incident)


def test_an_agency_practitioner_outside_the_police_cannot_record_police_information(
    make_user, school, reported_by_school
):
    teacher = make_user(Role.AGENCY_PRACTITIONER, agency=school)
    assert selectors.involvements_visible_to(teacher).filter(pk=reported_by_school.pk).exists()
    with pytest.raises(PermissionDenied):
        record_police(by=teacher, involvement=reported_by_school)


def test_the_police_page_sends_a_non_police_practitioner_back_with_the_reason(
    client, signed_in, make_user, school, reported_by_school
):
    signed_in(client, make_user(Role.AGENCY_PRACTITIONER, agency=school))
    url = f"/incidents/involvements/{reported_by_school.pk}/police/"
    response = client.get(url, follow=True)
    assert "Only the MASH and police officers" in response.content.decode()
    assert not PoliceInvestigation.objects.exists()


@time_machine.travel(TODAY)
def test_recording_a_police_investigation_marks_the_incident_as_referred_to_police(
    mash, partnership, la
):
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=reported(dt.date(2026, 3, 2))
    )
    child = InvolvementFactory(incident=incident)
    record_police(by=mash, involvement=child)
    assert Incident.objects.get(pk=incident.pk).referred_to_police


# Bad input -------------------------------------------------------------------------------


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return {k: v[0] for k, v in caught.value.message_dict.items()}


@time_machine.travel(TODAY)
def test_a_strategy_discussion_in_the_future_is_refused(mash, incident, harmed):
    errors = refusal(
        lambda: discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 17))
    )
    assert errors["held_on"] == "The date of the strategy discussion must be today or in the past"


@time_machine.travel(TODAY)
def test_a_strategy_discussion_before_the_incident_was_reported_is_refused(
    client, signed_in, mash, incident, harmed
):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/{incident.pk}/strategy-discussions/new/",
        {
            "held_on": "27/2/2026",
            "involvements": [harmed.pk],
            "outcome": "s47",
            "chaired_by": mash.pk,
            "attendees-TOTAL_FORMS": "1",
            "attendees-INITIAL_FORMS": "0",
            "attendees-0-agency": incident.reporting_agency_id,
            "attendees-0-name": "Kept Name",
        },
    )
    html = response.content.decode()
    assert (
        "The strategy discussion cannot be before the incident was reported on "
        "Monday 2 March 2026" in html
    )
    assert 'value="27/2/2026"' in html and 'value="Kept Name"' in html
    assert "There is a problem" in html


@time_machine.travel(TODAY)
def test_a_strategy_discussion_with_nobody_recorded_as_taking_part_is_refused(
    client, signed_in, mash, incident, harmed
):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/{incident.pk}/strategy-discussions/new/",
        {
            "held_on": "4/3/2026",
            "involvements": [harmed.pk],
            "outcome": "s47",
            "chaired_by": mash.pk,
            "attendees-TOTAL_FORMS": "2",
            "attendees-INITIAL_FORMS": "0",
        },
    )
    assert "Add at least one person who took part" in response.content.decode()
    assert not Section47Enquiry.objects.exists()


@time_machine.travel(TODAY)
def test_a_strategy_discussion_about_a_child_in_another_incident_is_refused(
    mash, incident, harmed, partnership, la
):
    elsewhere = InvolvementFactory(incident=IncidentFactory(partnership=partnership))
    errors = refusal(
        lambda: discuss(
            by=mash, incident=incident, children=[harmed, elsewhere], held_on=dt.date(2026, 3, 4)
        )
    )
    assert errors["involvements"] == "Choose only children in this incident"


@time_machine.travel(TODAY)
def test_an_icpc_before_the_strategy_discussion_is_refused(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get()
    errors = refusal(
        lambda: services.section47_update(
            by=mash,
            enquiry=enquiry,
            expected_version=enquiry.version,
            icpc_held_on=dt.date(2026, 3, 3),
        )
    )
    assert errors["icpc_held_on"] == (
        "The initial child protection conference cannot be before the strategy discussion on "
        "Wednesday 4 March 2026"
    )


@time_machine.travel(TODAY)
def test_an_icpc_date_in_the_future_is_refused(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get()
    errors = refusal(
        lambda: services.section47_update(
            by=mash,
            enquiry=enquiry,
            expected_version=enquiry.version,
            icpc_held_on=dt.date(2026, 3, 20),
        )
    )
    assert errors["icpc_held_on"] == "The date of the conference must be today or in the past"


@time_machine.travel(TODAY)
def test_a_child_protection_plan_needs_its_category_of_abuse(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get()
    errors = refusal(
        lambda: services.section47_update(
            by=mash,
            enquiry=enquiry,
            expected_version=enquiry.version,
            icpc_held_on=dt.date(2026, 3, 13),
            cp_plan=True,
        )
    )
    assert errors["category_of_abuse"] == (
        "Choose the category of abuse for the child protection plan"
    )


@time_machine.travel(TODAY)
def test_an_assessment_completed_before_it_started_is_refused(mash, incident, harmed):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get()
    errors = refusal(
        lambda: services.section47_update(
            by=mash,
            enquiry=enquiry,
            expected_version=enquiry.version,
            assessment_started_on=dt.date(2026, 3, 10),
            assessment_completed_on=dt.date(2026, 3, 9),
        )
    )
    assert errors["assessment_completed_on"] == (
        "The assessment cannot be completed before it started"
    )


@time_machine.travel(TODAY)
def test_a_police_outcome_dated_in_the_future_is_refused(mash, harmed):
    errors = refusal(
        lambda: record_police(
            by=mash, involvement=harmed, outcome="caution", outcome_on=dt.date(2026, 4, 1)
        )
    )
    assert errors["outcome_on"] == "The date of the outcome must be today or in the past"


@time_machine.travel(TODAY)
def test_a_concluded_police_outcome_needs_its_date(client, signed_in, mash, harmed):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/involvements/{harmed.pk}/police/",
        {"police_role": "suspect", "outcome": "outcome_22", "sgii_category": "n/a"},
    )
    html = response.content.decode()
    assert "Enter the date of the outcome" in html
    assert 'value="outcome_22" checked' in html
    assert not PoliceInvestigation.objects.exists()


@time_machine.travel(TODAY)
def test_an_imagery_category_on_an_incident_without_image_sharing_is_refused(mash, partnership, la):
    incident = IncidentFactory(
        partnership=partnership,
        reporting_agency=la,
        reported_at=reported(dt.date(2026, 3, 2)),
        forms=[AbuseForm.PHYSICAL],
    )
    child = InvolvementFactory(incident=incident)
    errors = refusal(lambda: record_police(by=mash, involvement=child, sgii_category="aggravated"))
    assert errors["sgii_category"].startswith(
        "A self-generated indecent imagery category only applies"
    )


# Stale edits -----------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_two_people_updating_one_section_47_at_once_get_a_conflict(
    client, signed_in, mash, incident, harmed
):
    discuss(by=mash, incident=incident, children=[harmed], held_on=dt.date(2026, 3, 4))
    enquiry = Section47Enquiry.objects.get()
    stale = enquiry.version
    services.section47_update(
        by=mash, enquiry=enquiry, expected_version=stale, assessment_started_on=dt.date(2026, 3, 5)
    )
    signed_in(client, mash)
    response = client.post(
        f"/incidents/section-47/{enquiry.pk}/",
        {"version": stale, "icpc_held_on": "13/3/2026"},
    )
    html = response.content.decode()
    assert "Section 47 enquiry was changed by someone else" in html
    assert 'value="13/3/2026"' in html
    enquiry.refresh_from_db()
    assert enquiry.icpc_held_on is None


@time_machine.travel(TODAY)
def test_two_people_recording_one_childs_police_investigation_at_once_get_a_conflict(mash, harmed):
    record_police(by=mash, involvement=harmed, crime_reference="First")
    with pytest.raises(EditConflict):
        record_police(by=mash, involvement=harmed, crime_reference="Second")
    assert PoliceInvestigation.objects.get().crime_reference == "First"


# Pages -----------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_recording_a_joint_strategy_discussion_from_the_page(
    client, signed_in, mash, incident, harmed, harmer, police, school
):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/{incident.pk}/strategy-discussions/new/",
        {
            "held_on": "4/3/2026",
            "involvements": [harmed.pk, harmer.pk],
            "outcome": "s47",
            "outcome_notes": "Joint visit",
            "chaired_by": mash.pk,
            "attendees-TOTAL_FORMS": "3",
            "attendees-INITIAL_FORMS": "0",
            "attendees-0-agency": police.pk,
            "attendees-0-name": "DC Synthetic",
            "attendees-0-role": "Investigating officer",
            "attendees-1-agency": school.pk,
            "attendees-1-name": "Ms Example",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "DC Synthetic" in page and "Ms Example" in page
    assert "Police: present" in page and "Education: present" in page
    assert "Health: <strong" in page and "social care: <strong" in page
    assert Section47Enquiry.objects.count() == 2


@time_machine.travel(TODAY)
def test_what_was_agreed_is_hidden_from_a_viewer_who_cannot_see_every_child_discussed(
    client, signed_in, make_user, mash, school, incident, harmed, harmer
):
    discussion = discuss(
        by=mash,
        incident=incident,
        children=[harmed, harmer],
        held_on=dt.date(2026, 3, 4),
        outcome_notes="Private agreement about both children",
    )
    signed_in(client, make_user(Role.DSL, agency=school))
    html = client.get(f"/incidents/strategy-discussions/{discussion.pk}/").content.decode()
    assert "Private agreement" not in html
    assert escape(str(harmed.person)) in html
    assert escape(str(harmer.person)) not in html


def test_a_dsl_cannot_record_a_strategy_discussion(client, signed_in, make_user, school, incident):
    signed_in(client, make_user(Role.DSL, agency=school))
    assert client.get(f"/incidents/{incident.pk}/strategy-discussions/new/").status_code == 403


@time_machine.travel(TODAY)
def test_the_childs_page_takes_a_bounded_number_of_queries(
    client, signed_in, mash, incident, harmed, harmer, django_assert_max_num_queries
):
    discuss(by=mash, incident=incident, children=[harmed, harmer], held_on=dt.date(2026, 3, 4))
    record_police(by=mash, involvement=harmed)
    signed_in(client, mash)
    with django_assert_max_num_queries(25):
        response = client.get(f"/incidents/involvements/{harmed.pk}/child-protection/")
    assert response.status_code == 200


def test_the_incident_page_links_each_visible_child_to_their_own_strategy_and_police_page(
    client, signed_in, make_user, school, incident, harmed, harmer
):
    signed_in(client, make_user(Role.DSL, agency=school))
    html = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert f"/incidents/involvements/{harmed.pk}/child-protection/" in html
    assert f"/incidents/involvements/{harmer.pk}/child-protection/" not in html
