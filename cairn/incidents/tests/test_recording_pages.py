"""The recording journey's pages: details, children, check your answers."""

import datetime as dt

import pytest
from django.utils.html import escape

from cairn.accounts.choices import Role
from cairn.incidents.models import Incident
from cairn.people.tests.factories import PersonFactory

DETAILS = {
    "reported_on": "2/3/2026", "reported_time": "14:30", "occurred_on": "1/3/2026",
    "forms_of_abuse": ["sexual_harassment"], "narrative": "Synthetic account.",
    "referral_source": "2A", "reporter_role": "Head of year",
}  # fmt: skip


@pytest.fixture
def dsl_client(client, signed_in, make_user, school):
    signed_in(client, make_user(Role.DSL, agency=school))
    return client


def test_details_with_errors_keep_what_was_typed(dsl_client):
    response = dsl_client.post(
        "/incidents/new/", {"reported_on": "31/2/2026", "narrative": "Kept text"}
    )
    html = response.content.decode()
    assert "Date it was reported must be a real date" in html
    assert "Select at least one form of abuse" in html
    assert "Kept text" in html and 'value="31/2/2026"' in html


def test_a_future_report_date_is_refused(dsl_client, school):
    response = dsl_client.post(
        "/incidents/new/", DETAILS | {"reported_on": "1/1/2099", "reporting_agency": school.pk}
    )
    assert "must be today or in the past" in response.content.decode()


def test_a_dsl_reports_for_their_own_school_only(dsl_client, la):
    response = dsl_client.post("/incidents/new/", DETAILS | {"reporting_agency": la.pk})
    assert "Select a valid choice" in response.content.decode()


def test_the_whole_journey_records_the_incident_with_each_childs_role(
    dsl_client, school, partnership
):
    harmed = PersonFactory(partnership=partnership, school=school)
    harming = PersonFactory(partnership=partnership, school=school)
    assert (
        dsl_client.post("/incidents/new/", DETAILS | {"reporting_agency": school.pk}).status_code
        == 302
    )
    dsl_client.post("/incidents/new/children/add/", {"person": harmed.pk, "role": "harmed"})
    dsl_client.post("/incidents/new/children/add/", {"person": harming.pk, "role": "harmed_others"})
    check = dsl_client.get("/incidents/new/check/").content.decode()
    assert escape(str(harmed)) in check and "Allegedly harmed others" in check
    response = dsl_client.post("/incidents/new/check/")
    incident = Incident.objects.get()
    assert response["Location"] == f"/incidents/{incident.pk}/"
    assert dict(incident.involvements.values_list("person_id", "role")) == {
        harmed.pk: "harmed",
        harming.pk: "harmed_others",
    }


def test_recording_without_a_child_is_refused_on_the_check_page(dsl_client, school):
    dsl_client.post("/incidents/new/", DETAILS | {"reporting_agency": school.pk})
    response = dsl_client.post("/incidents/new/check/")
    assert "Add at least one child to the incident" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_child_the_user_cannot_see_cannot_be_added(dsl_client, school, partnership):
    elsewhere = PersonFactory(partnership=partnership)  # not on this school's roll
    dsl_client.post("/incidents/new/", DETAILS | {"reporting_agency": school.pk})
    dsl_client.post("/incidents/new/children/add/", {"person": elsewhere.pk, "role": "harmed"})
    assert escape(str(elsewhere)) not in dsl_client.get("/incidents/new/check/").content.decode()


def test_kinds_of_sexual_violence_are_accepted_with_sexual_violence(dsl_client, school):
    response = dsl_client.post(
        "/incidents/new/",
        DETAILS
        | {
            "reporting_agency": school.pk,
            "forms_of_abuse": ["sexual_violence"],
            "sexual_violence_kinds": ["sexual_assault"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/incidents/new/children/"


def test_kinds_of_sexual_violence_without_sexual_violence_are_refused(dsl_client, school):
    html = dsl_client.post(
        "/incidents/new/",
        DETAILS | {"reporting_agency": school.pk, "sexual_violence_kinds": ["rape"]},
    ).content.decode()
    assert "Only choose kinds of sexual violence if sexual violence is selected" in html


def test_a_future_date_it_happened_is_refused(dsl_client, school):
    html = dsl_client.post(
        "/incidents/new/",
        DETAILS | {"reporting_agency": school.pk, "occurred_on": "1/1/2099"},
    ).content.decode()
    assert "Date it happened must be today or in the past" in html


def test_a_date_it_happened_after_the_report_is_refused(dsl_client, school):
    html = dsl_client.post(
        "/incidents/new/",
        DETAILS | {"reporting_agency": school.pk, "occurred_on": "3/3/2026"},
    ).content.decode()
    assert "Date it happened must be on or before the date it was reported" in html


def test_an_incident_before_a_childs_birth_is_refused_on_the_check_page(
    dsl_client, school, partnership
):
    baby = PersonFactory(partnership=partnership, school=school, date_of_birth=dt.date(2026, 3, 1))
    dsl_client.post(
        "/incidents/new/",
        DETAILS | {"reporting_agency": school.pk, "occurred_on": "28/2/2026"},
    )
    dsl_client.post("/incidents/new/children/add/", {"person": baby.pk, "role": "witness"})
    html = dsl_client.post("/incidents/new/check/").content.decode()
    assert "There is a problem" in html
    assert f"The incident date is before {escape(str(baby))}&#x27;s date of birth" in html
    assert not Incident.objects.exists()
