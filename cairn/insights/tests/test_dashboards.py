"""The insight dashboards: what each breakdown counts, the period and area filters, the two
readings (exact for case-level roles, disclosure-controlled otherwise and in every CSV)."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from cairn.accounts.choices import Role
from cairn.guidance.tests.test_checks import at, child, decide
from cairn.incidents.choices import InvolvementRole
from cairn.incidents.tests.factories import ContextFactory, IncidentFactory, InvolvementFactory
from cairn.insights import dashboards
from cairn.insights.dashboards import Filters
from cairn.people.models import Address
from cairn.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

D = dt.date
YEAR_2019 = Filters(reported_from=D(2019, 1, 1), reported_to=D(2019, 12, 31))


def incident(partnership, la, day, forms=("sexual_violence",)):
    return IncidentFactory(
        partnership=partnership, reporting_agency=la, reported_at=at(day), forms=list(forms)
    )


def test_the_period_and_the_area_choose_the_incidents(partnership, la):
    inside = incident(partnership, la, D(2019, 5, 1))
    incident(partnership, la, D(2020, 1, 2))
    elsewhere = incident(partnership, la, D(2019, 6, 1))
    person = PersonFactory(partnership=partnership)
    Address.objects.create(person=person, line1="1 High St", town="Brackley", postcode="BR1 1AA")
    InvolvementFactory(incident=inside, person=person)
    context = ContextFactory(partnership=partnership, area="Brackley")
    chosen = dashboards.incidents_in(partnership=partnership, filters=YEAR_2019)
    assert set(chosen) == {inside, elsewhere}
    in_town = Filters(YEAR_2019.reported_from, YEAR_2019.reported_to, area="brackley")
    assert list(dashboards.incidents_in(partnership=partnership, filters=in_town)) == [inside]
    elsewhere.contexts.add(context)
    assert set(dashboards.incidents_in(partnership=partnership, filters=in_town)) == {
        inside,
        elsewhere,
    }


def test_an_incident_counts_once_under_each_of_its_forms(partnership, la):
    incident(partnership, la, D(2019, 5, 1), forms=["sexual_violence", "image_sharing"])
    incident(partnership, la, D(2019, 5, 2), forms=["image_sharing"])
    counts = dashboards.by_form(
        dashboards.incidents_in(partnership=partnership, filters=YEAR_2019)
    ).counts
    assert counts["Sexual violence"] == 1
    assert counts["Sharing nude and semi-nude images or videos"] == 2
    assert counts["Physical abuse"] == 0


def test_months_without_incidents_are_shown_as_zero(partnership, la):
    incident(partnership, la, D(2019, 3, 31))
    incidents = dashboards.incidents_in(partnership=partnership, filters=YEAR_2019)
    by_month = dashboards.by_month(incidents, YEAR_2019)[0].counts
    assert len(by_month) == 12
    assert by_month["Mar 2019"] == 1 and by_month["Apr 2019"] == 0


def test_a_child_harmed_in_one_incident_and_harming_in_another_is_a_repeat_in_both_roles(
    partnership, la
):
    repeat = PersonFactory(partnership=partnership)
    first, second = (
        incident(partnership, la, D(2019, 2, 1)),
        incident(partnership, la, D(2019, 9, 1)),
    )
    InvolvementFactory(incident=first, person=repeat, role=InvolvementRole.HARMED)
    InvolvementFactory(incident=second, person=repeat, role=InvolvementRole.HARMED_OTHERS)
    InvolvementFactory(incident=second, role=InvolvementRole.HARMED)
    incidents = dashboards.incidents_in(partnership=partnership, filters=YEAR_2019)
    times, roles = (b.counts for b in dashboards.repeat_involvement(incidents))
    assert times == {"In 1 incident": 1, "In 2 incidents": 1, "In 3 or more incidents": 0}
    assert roles["Both harmed and allegedly harmed others, across incidents"] == 1
    assert roles["Harmed in more than one incident"] == 0


def test_timeliness_counts_each_childs_decision_against_the_clock(partnership, la):
    case = incident(partnership, la, D(2019, 4, 1))
    decide(child(case, referral=D(2019, 4, 1)), D(2019, 4, 2))
    decide(child(case, referral=D(2019, 4, 1)), D(2019, 4, 5))
    incidents = dashboards.incidents_in(partnership=partnership, filters=YEAR_2019)
    rows = dashboards.timeliness(incidents)
    assert rows[0] == ("MASH decision within 1 working day", 1, 1)


def test_a_controlled_dashboard_shows_no_count_from_1_to_5(partnership, la, make_user):
    for day in range(1, 4):
        incident(partnership, la, D(2019, 5, day))
    analyst = make_user(Role.ANALYST)
    shown = dashboards.dashboard_for(slug="incidents", viewer=analyst, filters=YEAR_2019)
    assert shown.controlled
    figures = [v for b in shown.breakdowns for _, v in b.rows]
    assert "c" in figures
    assert not any(v.isdigit() and 1 <= int(v) <= 5 for v in figures)


def test_a_mash_manager_sees_exact_figures(partnership, la, make_user):
    incident(partnership, la, D(2019, 5, 1))
    shown = dashboards.dashboard_for(
        slug="incidents", viewer=make_user(Role.MASH_MANAGER), filters=YEAR_2019
    )
    assert not shown.controlled
    months = next(b for b in shown.breakdowns if b.key == "incidents_by_month")
    assert ("May 2019", "1") in months.rows


def filter_query(**overrides):
    query = {
        "reported_from_day": "1", "reported_from_month": "1", "reported_from_year": "2019",
        "reported_to_day": "31", "reported_to_month": "12", "reported_to_year": "2019",
    }  # fmt: skip
    return query | overrides


def test_the_dashboard_page_answers_each_dashboard_in_few_queries(
    client, signed_in, make_user, partnership, la, django_assert_max_num_queries
):
    for day in range(1, 8):
        incident(partnership, la, D(2019, 5, day))
    signed_in(client, make_user(Role.ANALYST))
    for slug in dashboards.DASHBOARDS:
        with django_assert_max_num_queries(30):
            response = client.get(reverse("insights:dashboard", args=[slug]), filter_query())
        assert response.status_code == 200, slug


def test_dates_the_wrong_way_round_are_refused_and_kept(client, signed_in, make_user):
    signed_in(client, make_user(Role.ANALYST))
    response = client.get(reverse("insights:home"), filter_query(reported_to_year="2018"))
    page = response.content.decode()
    assert "must be the same as or after" in page
    assert 'value="2018"' in page


def test_the_csv_is_controlled_even_for_a_case_level_user(
    client, signed_in, make_user, partnership, la
):
    for day in range(1, 4):
        incident(partnership, la, D(2019, 5, day))
    signed_in(client, make_user(Role.MASH_MANAGER))
    response = client.get(reverse("insights:dashboard_csv", args=["incidents"]), filter_query())
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["figure", "category", "count", "period", "area"]
    counts = [r[2] for r in rows[1:]]
    assert "c" in counts
    assert not any(v.isdigit() and 1 <= int(v) <= 5 for v in counts)


def test_a_dsl_has_no_dashboards(client, signed_in, make_user, school):
    signed_in(client, make_user(Role.DSL, agency=school))
    assert client.get(reverse("insights:home")).status_code == 403


def test_a_dashboard_counts_only_the_viewers_own_partnership(partnership, la, other_partnership):
    from cairn.accounts.tests.factories import AgencyFactory, UserFactory

    incident(partnership, la, D(2019, 5, 1))
    stranger_agency = AgencyFactory(partnership=other_partnership)
    stranger = UserFactory(agency=stranger_agency, roles=[Role.MASH_MANAGER])
    insider = UserFactory(agency=la, roles=[Role.MASH_MANAGER])

    def totals(viewer):
        shown = dashboards.dashboard_for(slug="incidents", viewer=viewer, filters=YEAR_2019)
        return {b.key: b.total for b in shown.breakdowns}

    ours, theirs = totals(insider), totals(stranger)
    assert "1" in ours.values()
    assert set(theirs.values()) == {"0"}
