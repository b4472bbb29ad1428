"""Per-child truth: one incident, several children, nothing bleeds from one to another."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import escape

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory
from cairn.audit.models import AuditEvent
from cairn.incidents import selectors, services
from cairn.incidents.choices import DecisionOutcome, InvolvementRole
from cairn.incidents.tests.factories import IncidentFactory, InvolvementFactory
from cairn.people.tests.factories import PersonFactory


@pytest.fixture
def two_schools(partnership):
    return (
        AgencyFactory(partnership=partnership, kind=AgencyKind.SCHOOL, name="North Academy"),
        AgencyFactory(partnership=partnership, kind=AgencyKind.SCHOOL, name="South Academy"),
    )


@pytest.fixture
def incident_across_schools(partnership, two_schools):
    """Harmed child at North, child who allegedly harmed at South; North reported it."""
    north, south = two_schools
    incident = IncidentFactory(partnership=partnership, reporting_agency=north)
    harmed = InvolvementFactory(
        incident=incident, person=PersonFactory(partnership=partnership, school=north)
    )
    harming = InvolvementFactory(
        incident=incident,
        person=PersonFactory(partnership=partnership, school=south),
        role=InvolvementRole.HARMED_OTHERS,
    )
    return incident, harmed, harming


def test_a_child_cannot_be_added_twice_to_one_incident(make_user, partnership, la):
    mash = make_user(Role.MASH_PRACTITIONER)
    involvement = InvolvementFactory(
        incident=IncidentFactory(partnership=partnership, reporting_agency=la)
    )
    with pytest.raises(ValidationError, match="already part of this incident"):
        services.involvement_add(
            by=mash, incident=involvement.incident, person=involvement.person, role="witness"
        )


def test_a_decision_for_one_child_does_not_touch_the_other(make_user, incident_across_schools):
    incident, harmed, harming = incident_across_schools
    mash = make_user(Role.MASH_PRACTITIONER)
    services.mash_receive(by=mash, involvement=harmed, received_at=timezone.now())
    services.decision_record(
        by=mash, involvement=harmed, outcome=DecisionOutcome.STRATEGY, reasons="Significant harm"
    )
    harming.refresh_from_db()
    assert harming.decisions.count() == 0
    assert harming.mash_stage == ""


def test_a_dsl_sees_their_pupil_but_not_the_other_schools_child(
    make_user, two_schools, incident_across_schools
):
    north, south = two_schools
    incident, harmed, harming = incident_across_schools
    south_dsl = make_user(Role.DSL, agency=south)
    visible = set(selectors.involvements_of(incident=incident, viewer=south_dsl))
    assert visible == {harming}


def test_the_reporting_school_sees_every_child_it_reported(
    make_user, two_schools, incident_across_schools
):
    north, _ = two_schools
    incident, harmed, harming = incident_across_schools
    north_dsl = make_user(Role.DSL, agency=north)
    assert set(selectors.involvements_of(incident=incident, viewer=north_dsl)) == {harmed, harming}


def test_police_see_only_what_was_referred_to_police(
    make_user, partnership, incident_across_schools
):
    incident, *_ = incident_across_schools
    officer = make_user(
        Role.AGENCY_PRACTITIONER,
        agency=AgencyFactory(partnership=partnership, kind=AgencyKind.POLICE),
    )
    assert not selectors.incidents_visible_to(officer).exists()
    incident.referred_to_police = True
    incident.save()
    assert list(selectors.incidents_visible_to(officer)) == [incident]


def test_an_excluded_user_cannot_see_a_restricted_involvement(make_user, incident_across_schools):
    incident, harmed, harming = incident_across_schools
    mash = make_user(Role.MASH_PRACTITIONER)
    harmed.restricted = True
    harmed.save()
    harmed.excluded_users.add(mash)
    assert set(selectors.involvements_of(incident=incident, viewer=mash)) == {harming}


def test_mash_sees_every_child_in_the_partnership(make_user, incident_across_schools):
    incident, harmed, harming = incident_across_schools
    assert set(
        selectors.involvements_of(incident=incident, viewer=make_user(Role.MASH_MANAGER))
    ) == {harmed, harming}


def test_another_partnerships_mash_sees_nothing(incident_across_schools, other_partnership):
    from cairn.accounts.tests.factories import UserFactory

    outsider = UserFactory(
        agency=AgencyFactory(partnership=other_partnership), roles=[Role.MASH_MANAGER]
    )
    assert not selectors.incidents_visible_to(outsider).exists()
    assert not selectors.involvements_visible_to(outsider).exists()


def test_a_manager_signs_off_but_not_their_own_decision(make_user, incident_across_schools):
    _, harmed, _ = incident_across_schools
    manager = make_user(Role.MASH_MANAGER)
    own = services.decision_record(
        by=manager, involvement=harmed, outcome=DecisionOutcome.EARLY_HELP, reasons="Needs support"
    )
    with pytest.raises(PermissionDenied):
        services.decision_sign_off(decision=own, manager=manager)
    other_manager = make_user(Role.MASH_MANAGER)
    signed = services.decision_sign_off(decision=own, manager=other_manager)
    assert signed.signed_off_by == other_manager and signed.signed_off_at is not None


def test_a_practitioner_cannot_sign_off(make_user, incident_across_schools):
    _, harmed, _ = incident_across_schools
    decision = services.decision_record(
        by=make_user(Role.MASH_PRACTITIONER),
        involvement=harmed,
        outcome=DecisionOutcome.NFA,
        reasons="No concerns",
    )
    with pytest.raises(PermissionDenied):
        services.decision_sign_off(decision=decision, manager=make_user(Role.MASH_PRACTITIONER))


def test_the_incident_page_shows_only_the_viewers_children_and_logs_the_view(
    client, signed_in, make_user, two_schools, incident_across_schools
):

    _, south = two_schools
    incident, harmed, harming = incident_across_schools
    dsl = make_user(Role.DSL, agency=south)
    signed_in(client, dsl)
    html = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert escape(str(harming.person)) in html
    assert escape(str(harmed.person)) not in html
    assert AuditEvent.objects.filter(
        action="view", object_type="incidents.incident", actor=dsl
    ).exists()


def test_the_decision_clock_counts_one_working_day_from_receipt(make_user, incident_across_schools):
    import datetime as dt
    from zoneinfo import ZoneInfo

    _, harmed, _ = incident_across_schools
    mash = make_user(Role.MASH_PRACTITIONER)
    christmas_eve = dt.datetime(2026, 12, 24, 16, 0, tzinfo=ZoneInfo("Europe/London"))  # a Thursday
    services.mash_receive(by=mash, involvement=harmed, received_at=christmas_eve)
    clock = selectors.decision_clock(harmed, today=dt.date(2026, 12, 29))
    assert clock.due == dt.date(2026, 12, 29)  # 25, 26 (Sat), 27 (Sun), 28 (Boxing Day substitute)
    assert clock.phrase == "Due today"
