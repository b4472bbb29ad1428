"""The per-case audit page: who may open it, what it shows, and no child the viewer may not see."""

import datetime as dt

import pytest
from django.db.backends.postgresql.psycopg_any import DateRange
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.guidance.tests.test_checks import _all_checks_library, at, child, decide
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(partnership, school):
    _all_checks_library("all", DateRange(dt.date(2018, 1, 1), None))
    incident = IncidentFactory(
        partnership=partnership, reporting_agency=school, reported_at=at(dt.date(2019, 4, 18))
    )
    harmed = child(incident, referral=dt.date(2019, 4, 18))
    decide(harmed, dt.date(2019, 4, 24))
    hidden = child(incident, role=InvolvementRole.HARMED_OTHERS, restricted=True)
    return incident, harmed, hidden


def test_an_auditor_sees_each_child_with_results_and_evidence(
    client, signed_in, make_user, case, django_assert_max_num_queries
):
    incident, harmed, hidden = case
    signed_in(client, make_user(Role.AUDITOR))
    with django_assert_max_num_queries(80):
        response = client.get(reverse("guidance:incident_audit", args=[incident.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert str(harmed.person) in page and str(hidden.person) in page
    assert "Not met" in page
    assert "due 23 April 2019 (1 working day from referral 18 April 2019)" in page


def test_a_restricted_child_is_not_shown_to_an_excluded_auditor(client, signed_in, make_user, case):
    incident, harmed, hidden = case
    auditor = make_user(Role.AUDITOR)
    hidden.excluded_users.add(auditor)
    signed_in(client, auditor)
    page = client.get(reverse("guidance:incident_audit", args=[incident.pk])).content.decode()
    assert str(harmed.person) in page
    assert str(hidden.person) not in page


def test_a_dsl_may_not_audit(client, signed_in, make_user, case, school):
    signed_in(client, make_user(Role.DSL, agency=school))
    response = client.get(reverse("guidance:incident_audit", args=[case[0].pk]))
    assert response.status_code == 403


def test_the_incident_page_links_to_the_audit_only_for_auditors(client, signed_in, make_user, case):
    incident = case[0]
    url = reverse("incidents:detail", args=[incident.pk])
    link = reverse("guidance:incident_audit", args=[incident.pk])
    signed_in(client, make_user(Role.MASH_PRACTITIONER))
    assert link not in client.get(url).content.decode()
    signed_in(client, make_user(Role.AUDITOR))
    assert link in client.get(url).content.decode()


def test_a_partnership_officer_may_not_audit_a_case(client, signed_in, make_user, case):
    signed_in(client, make_user(Role.PARTNERSHIP_OFFICER))
    response = client.get(reverse("guidance:incident_audit", args=[case[0].pk]))
    assert response.status_code == 403


def test_another_partnerships_incident_is_not_found(
    client, signed_in, make_user, case, other_partnership
):
    from cairn.accounts.tests.factories import AgencyFactory

    outsider = make_user(Role.AUDITOR, agency=AgencyFactory(partnership=other_partnership))
    signed_in(client, outsider)
    response = client.get(reverse("guidance:incident_audit", args=[case[0].pk]))
    assert response.status_code == 404
