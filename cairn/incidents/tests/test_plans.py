"""Each child's plans (KCSIE risk and needs assessment, safety plan, support plan), their
reviews on the working-day clock, and harmful sexual behaviour assessments: bad input refused
with clear messages, stale edits refused, and a plan seen only by those who may see the child.

Expected review dates are counted by hand from the GOV.UK bank holiday calendar for England
and Wales: the day the plan is agreed is day 0; the review is due on the 20th working day after.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.choices import Role
from cairn.accounts.tests.factories import SchoolFactory
from cairn.audit.models import AuditEvent
from cairn.clocks.models import LocalTimescale
from cairn.core.services import EditConflict
from cairn.incidents import selectors, services
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.models import HsbAssessment, Plan, PlanReview
from cairn.incidents.models.plans import (
    HackettCategory,
    HsbTool,
    PlanKind,
    PlanStatus,
    TltAgeBand,
    TrafficLight,
)
from cairn.incidents.selectors.chronology import chronology_for
from cairn.incidents.tests.factories import (
    HsbAssessmentFactory,
    IncidentFactory,
    InvolvementFactory,
    PlanFactory,
)
from cairn.people.tests.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 3, 16)  # Monday 16 March 2026
BORN = dt.date(2012, 5, 1)  # 13 on TODAY


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at(TODAY), tick=False) as traveller:
        yield traveller


@pytest.fixture
def other_school(partnership):
    return SchoolFactory(partnership=partnership, name="Southfield School")


@pytest.fixture
def incident(partnership, school):
    return IncidentFactory(
        partnership=partnership,
        reporting_agency=school,
        reported_at=at(dt.date(2026, 3, 2)),
        occurred_on=dt.date(2026, 2, 27),
    )


@pytest.fixture
def harmed(incident, partnership, school):
    person = PersonFactory(partnership=partnership, school=school, date_of_birth=BORN)
    return InvolvementFactory(incident=incident, person=person, role=InvolvementRole.HARMED)


@pytest.fixture
def harmer(incident, partnership, other_school):
    """The child who allegedly harmed: on another school's roll."""
    person = PersonFactory(
        partnership=partnership, school=other_school, date_of_birth=dt.date(2011, 9, 3)
    )
    return InvolvementFactory(incident=incident, person=person, role=InvolvementRole.HARMED_OTHERS)


@pytest.fixture
def dsl(make_user, school):
    return make_user(Role.DSL, agency=school)


@pytest.fixture
def other_dsl(make_user, other_school):
    return make_user(Role.DSL, agency=other_school)


@pytest.fixture
def mash(make_user):
    return make_user(Role.MASH_PRACTITIONER)


KCSIE = {
    "victim_support": "A trusted adult each morning; counselling offered",
    "alleged_perpetrator": "Moved to a different form group while the police investigate",
    "other_children": "Friends who saw the images spoken to; no other victims known",
    "time_and_place": "Staff on the back stairs at lunchtime",
}


def record(*, by, involvement, **fields):
    values = {
        "kind": PlanKind.RISK_AND_NEEDS,
        "summary": "Separate routes between lessons; reviewed with the family",
        "owner_agency": by.agency,
        "owner_user": by,
        "agreed_on": TODAY,
    } | KCSIE
    return services.plan_record(by=by, involvement=involvement, **values | fields)


def refusal(fn, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        fn(**kwargs)
    return error.value.message_dict


# Review dates on the working-day clock ---------------------------------------------------

REVIEW_DUE = {
    # agreed on (day 0)         review due          the bank holidays inside the 20 working days
    "easter-2024": (dt.date(2024, 3, 21), dt.date(2024, 4, 22)),  # Good Friday, Easter Monday
    "christmas-2025": (dt.date(2025, 12, 12), dt.date(2026, 1, 14)),  # 25, 26 Dec, 1 Jan
    "coronation-2023": (dt.date(2023, 4, 27), dt.date(2023, 5, 30)),  # 1, 8 and 29 May 2023
}


@pytest.mark.parametrize(("agreed_on", "due"), REVIEW_DUE.values(), ids=REVIEW_DUE.keys())
def test_a_plans_first_review_is_due_20_working_days_after_it_was_agreed(
    frozen, partnership, school, dsl, agreed_on, due
):
    frozen.move_to(at(agreed_on))
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(agreed_on, 9)
    )
    child = InvolvementFactory(
        incident=incident, person=PersonFactory(partnership=partnership, school=school)
    )
    plan = record(by=dsl, involvement=child, agreed_on=agreed_on)
    assert plan.next_review_on == due


def test_a_partnerships_own_review_timescale_is_used(partnership, dsl, harmed):
    LocalTimescale.objects.create(
        partnership=partnership,
        key="school_risk_assessment_review",
        amount=10,
        unit="working_days",
        reason="Our schools review fortnightly",
    )
    plan = record(by=dsl, involvement=harmed)
    assert plan.next_review_on == dt.date(2026, 3, 30)  # 10 working days after Mon 16 March


def test_a_chosen_review_date_is_kept(dsl, harmed):
    plan = record(by=dsl, involvement=harmed, next_review_on=dt.date(2026, 3, 20))
    assert plan.next_review_on == dt.date(2026, 3, 20)


def test_reviewing_a_plan_records_the_review_and_moves_the_next_review_date(frozen, dsl, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    frozen.move_to(at(dt.date(2026, 3, 30)))
    review = services.plan_review(
        by=dsl,
        plan=plan,
        expected_version=plan.version,
        reviewed_on=dt.date(2026, 3, 30),
        notes="Settled; keep separate routes until Easter",
    )
    plan.refresh_from_db()
    # 20 working days from Mon 30 March 2026: Good Friday 3 April, Easter Monday 6 April
    assert plan.next_review_on == review.next_review_on == dt.date(2026, 4, 29)
    assert review.by == dsl and plan.reviews.count() == 1


def test_closing_a_plan_at_a_review_leaves_no_next_review(dsl, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    services.plan_review(
        by=dsl,
        plan=plan,
        expected_version=1,
        reviewed_on=TODAY,
        notes="No longer needed",
        close=True,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.next_review_on is None


def test_a_closed_plan_cannot_be_reviewed(dsl, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    services.plan_review(
        by=dsl, plan=plan, expected_version=1, reviewed_on=TODAY, notes="Closed", close=True
    )
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="This plan is closed"):
        services.plan_review(
            by=dsl, plan=plan, expected_version=plan.version, reviewed_on=TODAY, notes="Again"
        )


# Bad input refused with clear messages ---------------------------------------------------


def test_a_risk_assessment_must_say_what_it_considered_under_each_kcsie_heading(dsl, harmed):
    errors = refusal(record, by=dsl, involvement=harmed, time_and_place="", other_children=" ")
    assert errors["time_and_place"] == [
        "Say what the risk assessment considered about the time and place of the incident "
        "and how to make it safer (if nothing applies, say so)"
    ]
    assert "other_children" in errors and "victim_support" not in errors


def test_a_support_plan_needs_only_a_summary(harmer, mash):
    plan = services.plan_record(
        by=mash,
        involvement=harmer,
        kind=PlanKind.SUPPORT,
        summary="Weekly sessions with the school counsellor",
        owner_agency=mash.agency,
        owner_user=mash,
    )
    assert plan.agreed_on == TODAY and plan.victim_support == ""


def test_a_plan_agreed_in_the_future_is_refused(dsl, harmed):
    errors = refusal(record, by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 17))
    assert errors["agreed_on"] == ["The date the plan was agreed must be today or in the past"]


def test_a_plan_agreed_before_the_child_was_born_is_refused(dsl, harmed):
    errors = refusal(record, by=dsl, involvement=harmed, agreed_on=dt.date(2012, 4, 30))
    assert errors["agreed_on"] == [
        f"The date the plan was agreed cannot be before {harmed.person}'s date of birth "
        "(Tuesday 1 May 2012)"
    ]


def test_a_plan_agreed_before_the_incident_is_refused(dsl, harmed):
    errors = refusal(record, by=dsl, involvement=harmed, agreed_on=dt.date(2026, 2, 26))
    assert errors["agreed_on"] == [
        "The date the plan was agreed cannot be before the incident (Friday 27 February 2026)"
    ]


def test_a_plan_owner_who_does_not_work_for_the_owner_agency_is_refused(dsl, harmed, mash):
    errors = refusal(record, by=dsl, involvement=harmed, owner_user=mash)
    assert errors["owner_user"] == [
        f"{mash} does not work for {dsl.agency}: choose someone from {dsl.agency}, "
        "or change the agency"
    ]


def test_a_review_before_the_plan_was_agreed_is_refused(dsl, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 10))
    errors = refusal(
        services.plan_review,
        by=dsl,
        plan=plan,
        expected_version=1,
        reviewed_on=dt.date(2026, 3, 9),
        notes="Early",
    )
    assert errors["reviewed_on"] == [
        "The date of the review cannot be before the plan was agreed (Tuesday 10 March 2026)"
    ]


def test_a_review_without_notes_is_refused(dsl, harmed):
    plan = record(by=dsl, involvement=harmed)
    errors = refusal(
        services.plan_review, by=dsl, plan=plan, expected_version=1, reviewed_on=TODAY, notes=""
    )
    assert errors["notes"] == ["Enter what the review found and what changes"]


# Concurrency and who may change a plan -------------------------------------------------


def plan_changes(plan, **fields) -> dict:
    return (
        {
            "kind": plan.kind,
            "summary": plan.summary,
            "owner_agency": plan.owner_agency,
            "owner_user": plan.owner_user,
            "agreed_on": plan.agreed_on,
            "next_review_on": plan.next_review_on,
        }
        | KCSIE
        | fields
    )


def test_a_stale_edit_of_a_plan_is_refused_with_a_conflict(dsl, mash, harmed):
    plan = record(by=dsl, involvement=harmed)
    services.plan_update(
        by=mash, plan=plan, expected_version=1, **plan_changes(plan, summary="Changed by MASH")
    )
    with pytest.raises(EditConflict, match="was changed by someone else"):
        services.plan_update(
            by=dsl, plan=plan, expected_version=1, **plan_changes(plan, summary="Mine")
        )
    assert Plan.objects.get(pk=plan.pk).summary == "Changed by MASH"


def test_a_stale_review_is_refused_with_a_conflict(dsl, mash, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    services.plan_update(by=mash, plan=plan, expected_version=1, **plan_changes(plan))
    with pytest.raises(EditConflict):
        services.plan_review(
            by=dsl, plan=plan, expected_version=1, reviewed_on=TODAY, notes="Reviewed"
        )
    assert not PlanReview.objects.exists()


def test_only_the_owning_agency_or_the_mash_may_change_a_plan(mash, dsl, harmer):
    """The harmed child's school can see the other child (it reported the incident) but the
    other child's plan belongs to the MASH."""
    plan = services.plan_record(
        by=mash,
        involvement=harmer,
        kind=PlanKind.SUPPORT,
        summary="Support from the youth service",
        owner_agency=mash.agency,
        owner_user=mash,
    )
    with pytest.raises(PermissionDenied):
        services.plan_update(by=dsl, plan=plan, expected_version=1, **plan_changes(plan))


def test_recording_a_plan_is_audited_with_who_did_it(dsl, harmed):
    plan = record(by=dsl, involvement=harmed)
    event = AuditEvent.objects.get(object_type="incidents.plan", object_id=str(plan.pk))
    assert event.actor_id == dsl.pk and event.action == "create"


# Who sees a plan -----------------------------------------------------------------------


def test_a_dsl_of_another_school_cannot_see_a_plan_for_a_child_not_on_their_roll(
    make_user, partnership, dsl, harmed
):
    plan = record(by=dsl, involvement=harmed)
    stranger = make_user(Role.DSL, agency=SchoolFactory(partnership=partnership))
    assert selectors.plan_for(viewer=stranger, pk=plan.pk) is None
    assert selectors.plans_for(involvement=harmed, viewer=stranger) is None


def test_another_schools_dsl_gets_not_found_for_the_plan_page(
    client, signed_in, make_user, partnership, dsl, harmed
):
    plan = record(by=dsl, involvement=harmed)
    signed_in(client, make_user(Role.DSL, agency=SchoolFactory(partnership=partnership)))
    assert client.get(f"/incidents/plans/{plan.pk}/").status_code == 404
    assert client.get(f"/incidents/involvements/{harmed.pk}/plans/").status_code == 404


def test_a_dsl_sees_the_plan_of_a_pupil_on_their_roll_in_another_schools_incident(
    other_dsl, harmer
):
    plan = PlanFactory(involvement=harmer)
    assert selectors.plan_for(viewer=other_dsl, pk=plan.pk) == plan


def test_a_childs_plans_are_their_own(dsl, mash, harmed, harmer):
    mine = record(by=dsl, involvement=harmed)
    PlanFactory(involvement=harmer)
    page = selectors.plans_for(involvement=harmed, viewer=mash)
    assert [row.plan for row in page.plans] == [mine]


def test_plans_and_reviews_appear_in_the_childs_chronology(dsl, mash, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 3))
    services.plan_review(
        by=dsl, plan=plan, expected_version=1, reviewed_on=TODAY, notes="Going well"
    )
    whats = [e.what for e in chronology_for(person=harmed.person, viewer=mash)]
    assert "Risk and needs assessment agreed" in whats
    assert "Risk and needs assessment reviewed" in whats


# Harmful sexual behaviour assessments -------------------------------------------------------


def assess(*, by, involvement, **fields):
    return services.hsb_assessment_record(
        by=by, involvement=involvement, **{"assessed_on": TODAY} | fields
    )


def test_a_hackett_assessment_needs_a_category(mash, harmer):
    errors = refusal(assess, by=mash, involvement=harmer, tool=HsbTool.HACKETT)
    assert errors["hackett_category"] == [
        "Choose where the behaviour sits on the Hackett continuum"
    ]


def test_a_brook_assessment_needs_a_colour_and_an_age_band(mash, harmer):
    errors = refusal(assess, by=mash, involvement=harmer, tool=HsbTool.BROOK)
    assert errors["traffic_light"] == ["Choose the traffic light colour: green, amber or red"]
    assert errors["tlt_age_band"] == ["Choose the traffic light age band used"]


def test_a_brook_age_band_must_fit_the_childs_age(mash, harmer):
    errors = refusal(
        assess,
        by=mash,
        involvement=harmer,
        tool=HsbTool.BROOK,
        traffic_light=TrafficLight.AMBER,
        tlt_age_band=TltAgeBand.AGE_5_9,
    )
    assert errors["tlt_age_band"] == [
        f"{harmer.person} was 14 on Monday 16 March 2026: the 5 to 9 age band does not fit. "
        "Choose the band for the child's age"
    ]


def test_a_brook_assessment_in_an_overlapping_band_is_recorded(mash, harmer):
    assessment = assess(
        by=mash,
        involvement=harmer,
        tool=HsbTool.BROOK,
        traffic_light=TrafficLight.RED,
        tlt_age_band=TltAgeBand.AGE_13_17,
        hackett_category=HackettCategory.ABUSIVE,  # not this tool's: not kept
    )
    assert assessment.result == "Red (age band 13 to 17)"
    assert assessment.hackett_category == ""


def test_an_aim3_assessment_needs_the_assessor_and_whether_they_are_trained(mash, harmer):
    errors = refusal(assess, by=mash, involvement=harmer, tool=HsbTool.AIM3)
    assert errors["aim3_assessor_name"] == ["Enter the name of the AIM3 assessor"]
    assert errors["aim3_trained"] == ["Say whether the assessor is trained in AIM3"]


def test_aim3_is_refused_for_a_child_under_12(mash, incident, partnership):
    young = InvolvementFactory(
        incident=incident,
        person=PersonFactory(partnership=partnership, date_of_birth=dt.date(2014, 3, 17)),
    )
    errors = refusal(
        assess,
        by=mash,
        involvement=young,
        tool=HsbTool.AIM3,
        aim3_assessor_name="Sam Okafor, youth justice",
        aim3_trained=True,
    )
    assert errors["tool"] == [
        f"AIM3 is for young people from 12 until their 18th birthday, and {young.person} was "
        "11 on Monday 16 March 2026. For a younger child, record the AIM Under 12s assessment "
        "in the notes of a Hackett or Brook assessment"
    ]


def test_aim3_is_accepted_on_the_childs_12th_birthday(mash, incident, partnership):
    twelve = InvolvementFactory(
        incident=incident,
        person=PersonFactory(partnership=partnership, date_of_birth=dt.date(2014, 3, 16)),
    )
    assessment = assess(
        by=mash,
        involvement=twelve,
        tool=HsbTool.AIM3,
        aim3_assessor_name="Sam Okafor, youth justice",
        aim3_trained=True,
        aim3_supervision_level="Line of sight at break times",
    )
    assert assessment.aim3_trained is True and assessment.result == "Line of sight at break times"


def test_an_assessment_dated_in_the_future_is_refused(mash, harmer):
    errors = refusal(
        assess,
        by=mash,
        involvement=harmer,
        tool=HsbTool.HACKETT,
        hackett_category=HackettCategory.PROBLEMATIC,
        assessed_on=dt.date(2026, 3, 17),
    )
    assert errors["assessed_on"] == ["The date of the assessment must be today or in the past"]


def test_an_assessment_dated_before_the_child_was_born_is_refused(mash, harmer):
    errors = refusal(
        assess,
        by=mash,
        involvement=harmer,
        tool=HsbTool.HACKETT,
        hackett_category=HackettCategory.PROBLEMATIC,
        assessed_on=dt.date(2011, 9, 2),
    )
    assert errors["assessed_on"] == [
        f"The date of the assessment cannot be before {harmer.person}'s date of birth "
        "(Saturday 3 September 2011)"
    ]


# Pages -----------------------------------------------------------------------------------


def test_a_plan_is_recorded_from_the_childs_page_with_the_review_date_from_the_clock(
    client, signed_in, dsl, harmed
):
    signed_in(client, dsl)
    response = client.post(
        f"/incidents/involvements/{harmed.pk}/plans/new/",
        {
            "kind": PlanKind.SAFETY,
            "summary": "Separate routes",
            "owner_agency": dsl.agency_id,
            "owner_user": dsl.pk,
            "agreed_on_day": "16",
            "agreed_on_month": "3",
            "agreed_on_year": "2026",
        },
    )
    plan = Plan.objects.get(involvement=harmed)
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/plans/{plan.pk}/"
    assert plan.next_review_on == dt.date(2026, 4, 15)  # 20 working days, over Easter 2026


def test_the_plan_form_refuses_a_future_date_and_keeps_what_was_typed(
    client, signed_in, dsl, harmed
):
    signed_in(client, dsl)
    html = client.post(
        f"/incidents/involvements/{harmed.pk}/plans/new/",
        {
            "kind": PlanKind.SAFETY,
            "summary": "Separate routes between lessons",
            "owner_agency": dsl.agency_id,
            "owner_user": dsl.pk,
            "agreed_on_day": "20",
            "agreed_on_month": "3",
            "agreed_on_year": "2026",
        },
    ).content.decode()
    assert "There is a problem" in html
    assert (
        '<a href="#id_agreed_on_day">Date the plan was agreed must be today or in the past' in html
    )
    assert "Separate routes between lessons" in html and 'value="20"' in html


def test_two_people_editing_one_plan_get_a_conflict_and_keep_what_they_typed(
    client, signed_in, dsl, mash, harmed
):
    plan = record(by=dsl, involvement=harmed)
    services.plan_update(
        by=mash, plan=plan, expected_version=1, **plan_changes(plan, summary="MASH's change")
    )
    signed_in(client, dsl)
    data = {
        "version": "1",
        "kind": plan.kind,
        "summary": "My own change",
        "owner_agency": dsl.agency_id,
        "owner_user": dsl.pk,
        "agreed_on_day": "16",
        "agreed_on_month": "3",
        "agreed_on_year": "2026",
        "next_review_on_day": "14",
        "next_review_on_month": "4",
        "next_review_on_year": "2026",
    } | KCSIE
    html = client.post(f"/incidents/plans/{plan.pk}/edit/", data).content.decode()
    assert "There is a problem" in html
    assert "was changed by someone else while you were editing it" in html
    assert "My own change" in html
    assert Plan.objects.get(pk=plan.pk).summary == "MASH's change"
    # Saving again, after reading the message, is a deliberate choice: it goes through.
    client.post(f"/incidents/plans/{plan.pk}/edit/", data | {"version": "2"})
    assert Plan.objects.get(pk=plan.pk).summary == "My own change"


def test_a_review_is_recorded_from_the_plan_page(client, signed_in, frozen, dsl, harmed):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    signed_in(client, dsl)
    response = client.post(
        f"/incidents/plans/{plan.pk}/review/",
        {
            "version": "1",
            "reviewed_on_day": "16",
            "reviewed_on_month": "3",
            "reviewed_on_year": "2026",
            "notes": "Going well",
            "outcome": "keep",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_on == dt.date(2026, 4, 15)


def test_an_hsb_assessment_is_recorded_from_its_form(client, signed_in, mash, harmer):
    signed_in(client, mash)
    response = client.post(
        f"/incidents/involvements/{harmer.pk}/hsb-assessments/new/",
        {
            "tool": HsbTool.AIM3,
            "assessed_on_day": "10",
            "assessed_on_month": "3",
            "assessed_on_year": "2026",
            "aim3_assessor_name": "Sam Okafor, youth justice",
            "aim3_trained": "no",
        },
    )
    assessment = HsbAssessment.objects.get(involvement=harmer)
    assert response["Location"] == f"/incidents/hsb-assessments/{assessment.pk}/"
    assert assessment.aim3_trained is False
    html = client.get(response["Location"]).content.decode()
    assert "The assessor is not AIM3 trained" in html


def test_the_incident_page_links_each_visible_child_to_their_own_plans(
    client, signed_in, other_dsl, incident, harmed, harmer
):
    """The other school sees only its own pupil, the child who allegedly harmed."""
    signed_in(client, other_dsl)
    html = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert f"/incidents/involvements/{harmer.pk}/plans/" in html
    assert f"/incidents/involvements/{harmed.pk}/plans/" not in html


def test_the_childs_plans_page_takes_a_bounded_number_of_queries(
    client, signed_in, dsl, harmed, django_assert_max_num_queries
):
    for _ in range(5):
        plan = record(by=dsl, involvement=harmed)
        services.plan_review(by=dsl, plan=plan, expected_version=1, reviewed_on=TODAY, notes="Fine")
        HsbAssessmentFactory(involvement=harmed)
    signed_in(client, dsl)
    with django_assert_max_num_queries(20):
        response = client.get(f"/incidents/involvements/{harmed.pk}/plans/")
    assert response.status_code == 200
    assert response.content.decode().count("Risk and needs assessment") == 5


def test_the_plan_page_takes_a_bounded_number_of_queries(
    client, signed_in, dsl, harmed, django_assert_max_num_queries
):
    plan = record(by=dsl, involvement=harmed, agreed_on=dt.date(2026, 3, 2))
    for day in (9, 10, 11):
        plan = services.plan_review(
            by=dsl,
            plan=Plan.objects.get(pk=plan.pk),
            expected_version=Plan.objects.get(pk=plan.pk).version,
            reviewed_on=dt.date(2026, 3, day),
            notes=f"Review on the {day}th",
        ).plan
    signed_in(client, dsl)
    with django_assert_max_num_queries(18):
        response = client.get(f"/incidents/plans/{plan.pk}/")
    assert response.status_code == 200
    assert "Review on the 11th" in response.content.decode()
