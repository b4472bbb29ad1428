"""Per-child truth: one incident, several children, nothing bleeds from one to another."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import escape

from cairn.accounts.choices import AgencyKind, Role
from cairn.accounts.tests.factories import AgencyFactory
from cairn.audit.models import AuditEvent
from cairn.core.services import EditConflict
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


# Each child's own views, vulnerabilities and outcome ---------------------------------------


def views_form(involvement, **fields):
    return {
        "version": involvement.version,
        "views_and_wishes": "",
        "carer_views": "",
        "vulnerabilities": "",
        "outcome": "",
        "report_outcome": "",
    } | fields


def test_a_childs_views_are_saved_on_their_own_involvement_only(
    client, signed_in, make_user, incident_across_schools
):
    incident, harmed, harming = incident_across_schools
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    response = client.post(
        f"/incidents/involvements/{harmed.pk}/edit/",
        views_form(harmed, views_and_wishes="Wants to change buses", carer_views="Mum agrees"),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/incidents/{incident.pk}/"
    harmed.refresh_from_db()
    harming.refresh_from_db()
    assert (harmed.views_and_wishes, harmed.carer_views) == ("Wants to change buses", "Mum agrees")
    assert (harming.views_and_wishes, harming.carer_views) == ("", "")
    assert harmed.version == 2 and harming.version == 1


def test_two_people_editing_one_involvement_at_once_get_a_conflict_and_keep_what_they_typed(
    client, signed_in, make_user, incident_across_schools
):
    _, harmed, _ = incident_across_schools
    first, second = make_user(Role.MASH_PRACTITIONER), make_user(Role.MASH_MANAGER)
    opened_at = harmed.version  # both open the page at this version
    services.involvement_update(
        by=first, involvement=harmed, expected_version=opened_at, views_and_wishes="First"
    )
    signed_in(client, second)
    response = client.post(
        f"/incidents/involvements/{harmed.pk}/edit/",
        views_form(harmed, version=opened_at, views_and_wishes="Second"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Involvement was changed by someone else while you were editing it" in html
    assert "Second" in html  # what the second person typed is still on the form
    harmed.refresh_from_db()
    assert harmed.views_and_wishes == "First"


def test_a_stale_involvement_edit_is_refused_by_the_service(make_user, incident_across_schools):
    _, harmed, _ = incident_across_schools
    mash = make_user(Role.MASH_PRACTITIONER)
    services.involvement_update(by=mash, involvement=harmed, expected_version=1, outcome="Moved")
    with pytest.raises(EditConflict):
        services.involvement_update(by=mash, involvement=harmed, expected_version=1, outcome="X")
    harmed.refresh_from_db()
    assert harmed.outcome == "Moved"


def test_an_unknown_outcome_of_the_report_is_refused(make_user, incident_across_schools):
    _, harmed, _ = incident_across_schools
    with pytest.raises(ValidationError, match="Choose an outcome of the report"):
        services.involvement_update(
            by=make_user(Role.MASH_PRACTITIONER),
            involvement=harmed,
            expected_version=harmed.version,
            report_outcome="proven",
        )


def test_the_school_of_the_child_who_harmed_may_record_their_pupils_views(
    make_user, two_schools, incident_across_schools
):
    _, south = two_schools
    _, _, harming = incident_across_schools
    updated = services.involvement_update(
        by=make_user(Role.DSL, agency=south),
        involvement=harming,
        expected_version=harming.version,
        views_and_wishes="Sorry, wants to apologise",
    )
    assert updated.views_and_wishes == "Sorry, wants to apologise"


def test_the_school_of_the_child_who_harmed_may_not_record_the_other_childs_views(
    make_user, two_schools, incident_across_schools
):
    _, south = two_schools
    _, harmed, _ = incident_across_schools
    with pytest.raises(PermissionDenied):
        services.involvement_update(
            by=make_user(Role.DSL, agency=south),
            involvement=harmed,
            expected_version=harmed.version,
            views_and_wishes="Overwritten",
        )


def test_the_other_childs_involvement_page_is_not_found_for_the_other_school(
    client, signed_in, make_user, two_schools, incident_across_schools
):
    _, south = two_schools
    _, harmed, harming = incident_across_schools
    harmed.views_and_wishes = "Private to the harmed child"
    harmed.save()
    signed_in(client, make_user(Role.DSL, agency=south))
    assert client.get(f"/incidents/involvements/{harming.pk}/edit/").status_code == 200
    assert client.get(f"/incidents/involvements/{harmed.pk}/edit/").status_code == 404
    html = client.get(f"/incidents/{harmed.incident_id}/").content.decode()
    assert "Private to the harmed child" not in html


def test_the_incident_page_shows_each_childs_own_views_in_their_own_card(
    client, signed_in, make_user, incident_across_schools
):
    incident, harmed, harming = incident_across_schools
    harmed.views_and_wishes, harming.views_and_wishes = "Harmed view", "Harming view"
    harmed.save()
    harming.save()
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    html = client.get(f"/incidents/{incident.pk}/").content.decode()
    cards = html.split('<div class="govuk-summary-card">')[1:]
    assert len(cards) == 2
    assert "Harmed view" in cards[0] and "Harming view" not in cards[0]
    assert "Harming view" in cards[1] and "Harmed view" not in cards[1]


# A child's person page lists their own incidents ------------------------------------------


def test_a_childs_person_page_lists_their_own_role_and_decision_only(
    client, signed_in, make_user, incident_across_schools
):
    incident, harmed, harming = incident_across_schools
    mash = make_user(Role.MASH_PRACTITIONER)
    services.decision_record(
        by=mash, involvement=harmed, outcome=DecisionOutcome.STRATEGY, reasons="Significant harm"
    )
    services.decision_record(
        by=mash, involvement=harming, outcome=DecisionOutcome.EARLY_HELP, reasons="Support"
    )
    signed_in(client, mash)
    html = client.get(f"/people/{harming.person_id}/").content.decode()
    assert f"Incident {incident.pk}" in html
    assert "Allegedly harmed others" in html
    assert "Early help (awaiting sign-off)" in html
    assert "Strategy discussion" not in html


def test_a_person_page_lists_no_incident_the_viewer_is_excluded_from(
    client, signed_in, make_user, two_schools, incident_across_schools
):
    """A DSL sees their pupil's record, but not an involvement they are excluded from."""
    _, south = two_schools
    incident, _, harming = incident_across_schools
    dsl = make_user(Role.DSL, agency=south)
    harming.restricted = True
    harming.save()
    harming.excluded_users.add(dsl)
    signed_in(client, dsl)
    html = client.get(f"/people/{harming.person_id}/").content.decode()
    assert "is in no incident that you can see" in html
    assert f"Incident {incident.pk}" not in html
